import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requirePermission } from "../auth/session.server";
import { loadTarget } from "../domain/moderation/targets.server";
import { redactPersonalData } from "../domain/moderation/redact.server";
import { safeRedirect } from "../http/redirect";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { badRequest, notFound } from "../http/responses.server";
import { problems } from "../http/problems";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "security.redactTitle" });

const targetSchema = z.object({ type: z.enum(["idea", "comment"]), id: z.string().regex(/^\d{1,10}$/) });

function readTarget(request: Request, source: URLSearchParams | FormData) {
  const parsed = targetSchema.safeParse({ type: source.get("type"), id: source.get("id") });
  if (!parsed.success) throw badRequest(request, "errors.redactTargetMissing");
  return parsed.data;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "moderation.queue");
  const { type, id } = readTarget(request, new URL(request.url).searchParams);
  const target = await loadTarget(context.database.db, type, id);
  if (!target || target.deleted) throw notFound(request, "errors.postNotFound");
  // The thread the moderator came from, or the post's own place in it.
  const fallback = type === "idea" ? `/ideer/${target.id}` : `/ideer/${target.ideaId}#kommentar-${target.id}`;
  const back = safeRedirect(new URL(request.url).searchParams.get("tillbaka"), fallback);
  return { type, id, title: target.title, body: target.body ?? "", back };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "moderation.queue");
  const formData = await request.formData();
  const { type, id } = readTarget(request, formData);
  const text = String(formData.get("text") ?? "").slice(0, 2000);
  const outcome = await redactPersonalData(context.database.db, user, { targetType: type, targetId: id, text });
  if (!outcome.ok) {
    const answer = problems.redact[outcome.problem];
    return data({ done: false, error: answer.message, text }, { status: answer.status });
  }
  commit(context, outcome.events);
  return { done: true, error: null, text: "" };
}

export default function Redact() {
  const { t } = useTranslation();
  const { type, id, title, body, back } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="form stack">
      <h1>{t("security.redactTitle")}</h1>
      {actionData?.done ? (
        <p className="notice" role="status">
          {t("security.redactDone")}
        </p>
      ) : null}
      <section className="card" aria-labelledby="post-heading">
        <h2 id="post-heading">{title ?? t("security.redactText")}</h2>
        <pre className="wrap">{body}</pre>
      </section>
      <p>{t("security.redactLead")}</p>
      <Form method="post">
        {actionData?.error ? (
          <div className="form-error" role="alert" id="redact-error">
            {t(actionData.error)}
          </div>
        ) : null}
        <input type="hidden" name="type" value={type} />
        <input type="hidden" name="id" value={id} />
        <div className="field">
          <label htmlFor="redact-text">{t("security.redactText")}</label>
          <textarea
            id="redact-text"
            name="text"
            required
            defaultValue={actionData?.text ?? ""}
            aria-describedby={actionData?.error ? "redact-error" : undefined}
          />
        </div>
        <button type="submit" className="primary">
          {t("security.redactButton")}
        </button>
      </Form>
      <p>
        <Link to={back}>{t("security.redactBack")}</Link>
      </p>
    </div>
  );
}
