import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reportTargets, type ReportTarget } from "../../db/constants";
import { requirePermission } from "../auth/session.server";
import { availableDecisions, decide, type Decision } from "../domain/moderation/decisions.server";
import { decisionSchema } from "../domain/moderation/schemas";
import { safeRedirect } from "../http/redirect";
import { renderMarkdown } from "../domain/content/markdown.server";
import { DecisionForm } from "../ui/moderation/DecisionForm";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { badRequest, notFound } from "../http/responses.server";
import { problems, type ProblemAnswer } from "../http/problems";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "moderation.decide.title" });

async function loadCase(args: LoaderFunctionArgs, type: string | null, id: string | null) {
  const moderator = await requirePermission(args.request, args.context, "moderation.queue");
  if (!type || !(reportTargets as readonly string[]).includes(type) || !id) {
    throw badRequest(args.request, "errors.moderationTargetMissing");
  }
  const available = await availableDecisions(args.context.database.db, moderator, type as ReportTarget, id);
  if (!available) throw notFound(args.request, "errors.goneNow");
  const { target, kinds } = available;
  return {
    target: {
      type: target.type,
      id: target.id,
      title: target.title,
      body: target.type === "user" ? null : target.body,
      bodyHtml: target.type === "user" || target.body === null ? null : renderMarkdown(target.body),
      ownerName: target.ownerName,
      hidden: target.hidden,
      deleted: target.deleted,
      suspendedUntil: target.suspendedUntil?.toISOString() ?? null,
    },
    kinds,
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const back = safeRedirect(url.searchParams.get("tillbaka"), "/moderator");
  const type = url.searchParams.get("typ");
  const id = url.searchParams.get("id");
  // A refused decision posted to the bare URL re-renders here with only the action's message.
  if (type === null && id === null) {
    await requirePermission(args.request, args.context, "moderation.queue");
    return { target: null, kinds: [], back };
  }
  return { ...(await loadCase(args, type, id)), back };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "moderation.queue");
  const formData = await request.formData();
  const values = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const back = safeRedirect(values.tillbaka, "/moderator");
  const parsed = decisionSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0])] ??= issue.message.startsWith("moderation.")
        ? issue.message
        : "moderation.decide.problem.invalid";
    return data({ values, errors, message: "moderation.decide.problem.invalid" }, { status: 400 });
  }
  const form = parsed.data;
  const errors: Record<string, string> = {};
  let decision: Decision;
  if (form.beslut === "edit") {
    if (!form.body) errors.body = "moderation.decide.bodyRequired";
    if (!form.reason) errors.reason = "moderation.decide.problem.reason_required";
    decision = { kind: "edit", title: form.title, body: form.body ?? "" };
  } else if (form.beslut === "suspend") {
    if (!form.days) errors.days = "moderation.decide.daysInvalid";
    decision = { kind: "suspend", until: new Date(Date.now() + (form.days ?? 0) * 86_400_000) };
  } else {
    decision = { kind: form.beslut };
  }
  if (Object.keys(errors).length > 0)
    return data({ values, errors, message: "moderation.decide.problem.invalid" }, { status: 400 });
  const outcome = await decide(context.database.db, moderator, {
    targetType: form.typ,
    targetId: form.id,
    decision,
    reasonCategory: form.reasonCategory ?? null,
    reason: form.reason ?? null,
  });
  if (!outcome.ok) {
    const answer: ProblemAnswer = problems.moderationDecision[outcome.problem];
    const fieldErrors: Record<string, string> = answer.field ? { [answer.field]: answer.message } : {};
    return data({ values, errors: fieldErrors, message: answer.message }, { status: answer.status });
  }
  commit(context, outcome.events);
  if (outcome.disconnectUserId) {
    // A suspended staff member leaves the staff rooms on every process; then their sockets close.
    await context.live.refreshUser(outcome.disconnectUserId);
    context.live.disconnectUser(outcome.disconnectUserId);
  }
  throw redirect(`${back}${back.includes("?") ? "&" : "?"}beslut=klart`);
}

export default function DecidePage() {
  const { t } = useTranslation();
  const { target, kinds, back } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>{t("moderation.decide.title")}</h1>
      <p>{t("moderation.decide.lead")}</p>
      {result ? (
        <p className="form-error" role="alert">
          {t(result.message)}
        </p>
      ) : null}
      {target ? (
        <>
          <section aria-labelledby="case-heading" className="card">
            <h2 id="case-heading">
              {t(`moderation.target.${target.type}`)}: {target.type === "user" ? target.ownerName : (target.title ?? "")}
            </h2>
            {target.type !== "user" ? <p className="muted">{target.ownerName}</p> : null}
            {target.hidden ? <p className="badge">{t("moderation.hiddenByModerator")}</p> : null}
            {target.deleted ? <p className="muted">{t("moderation.queue.contentRemoved")}</p> : null}
            {target.bodyHtml ? <div className="markdown" dangerouslySetInnerHTML={{ __html: target.bodyHtml }} /> : null}
            {target.suspendedUntil ? (
              <p>
                {t("moderation.decide.suspendedUntil", { date: new Date(target.suspendedUntil).toLocaleDateString("sv-SE") })}
              </p>
            ) : null}
          </section>
          <DecisionForm target={target} kinds={kinds} back={back} values={result?.values} errors={result?.errors} />
          {target.type !== "user" && !target.deleted && kinds.includes("edit") ? (
            <p>
              <Link
                to={`/moderator/personuppgifter?${new URLSearchParams({ type: target.type, id: target.id, tillbaka: back })}`}
              >
                {t("security.redactLink")}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
      <p>
        <Link to={back}>{t("moderation.decide.back")}</Link>
      </p>
    </div>
  );
}
