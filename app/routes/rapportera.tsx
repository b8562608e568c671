import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { reportReasons, reportTargets, type ReportTarget } from "../../db/constants";
import { can } from "../auth/permissions";
import { requirePermission, requireUser } from "../auth/session.server";
import { loadTarget, parseTargetId } from "../domain/moderation/targets.server";
import { hasReported, reportContent } from "../domain/moderation/reports.server";
import { reportSchema } from "../domain/moderation/schemas";
import { safeRedirect } from "../http/redirect";
import { FormErrors, translateMessage } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { badRequest, notFound } from "../http/responses.server";
import { problemErrors, problems } from "../http/problems";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "moderation.report.title" });

function readTarget(params: URLSearchParams | FormData): { type: ReportTarget; id: string } | null {
  const type = params.get("typ");
  const rawId = params.get("id");
  if (typeof type !== "string" || !(reportTargets as readonly string[]).includes(type) || typeof rawId !== "string") return null;
  const id = parseTargetId(type as ReportTarget, rawId);
  return id ? { type: type as ReportTarget, id } : null;
}

async function describe(request: Request, context: LoaderFunctionArgs["context"], type: ReportTarget, id: string) {
  const target = await loadTarget(context.database.db, type, id);
  if (!target || target.deleted || (target.hidden && type !== "user")) {
    throw notFound(request, "errors.reportTargetGone");
  }
  return { type, id, title: target.title, name: target.ownerName, ownerId: target.ownerId };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const target = readTarget(url.searchParams);
  if (!target) throw badRequest(request, "errors.reportTargetMissing");
  const described = await describe(request, context, target.type, target.id);
  const back = safeRedirect(url.searchParams.get("tillbaka"), described.type === "user" ? "/" : "/utmaningar");
  return {
    target: { type: described.type, id: described.id, title: described.title, name: described.name },
    back,
    own: described.ownerId === user.id,
    already: await hasReported(context.database.db, user.id, target.type, target.id),
    mayReport: can(user, "content.report", { ownerId: described.ownerId }),
    reasons: reportReasons,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "content.report");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: reportSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), done: null }, { status: 400 });
  const target = readTarget(formData);
  if (!target) return data({ ...submission.reply({ formErrors: ["moderation.report.notFound"] }), done: null }, { status: 404 });
  const outcome = await reportContent(context.database.db, {
    reporterId: user.id,
    targetType: target.type,
    targetId: target.id,
    reason: submission.value.reason,
    note: submission.value.note ?? null,
  });
  if (!outcome.ok) {
    const answer = problems.report[outcome.problem];
    return data({ ...submission.reply(problemErrors(answer)), done: null }, { status: answer.status });
  }
  commit(context, outcome.events);
  return { ...submission.reply({ resetForm: true }), done: "moderation.report.thanks" };
}

export default function Report() {
  const { t } = useTranslation();
  const { target, back, own, already, mayReport, reasons } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(reportSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
  });
  const about =
    target.type === "user"
      ? t("moderation.report.aboutUser", { name: target.name })
      : t(target.type === "idea" ? "moderation.report.aboutIdea" : "moderation.report.aboutComment", { title: target.title });
  const backLink = (
    <p>
      <Link to={back}>{t("moderation.report.back")}</Link>
    </p>
  );
  if (lastResult?.done) {
    return (
      <div className="form">
        <h1>{t("moderation.report.title")}</h1>
        <p className="notice" role="status">
          {t(lastResult.done)}
        </p>
        {backLink}
      </div>
    );
  }
  const blocked = own
    ? "moderation.report.own"
    : already
      ? "moderation.report.already"
      : !mayReport
        ? "moderation.suspendedShort"
        : null;
  return (
    <div className="form">
      <h1>{t("moderation.report.title")}</h1>
      <p>{about}</p>
      {blocked ? (
        <p className="notice" role="status">
          {t(blocked)}
        </p>
      ) : (
        <>
          <p className="hint">{t("moderation.report.lead")}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors form={form} />
            <input type="hidden" name="typ" value={target.type} />
            <input type="hidden" name="id" value={target.id} />
            <input type="hidden" name="tillbaka" value={back} />
            <fieldset className="field" aria-describedby={fields.reason.errors?.length ? fields.reason.errorId : undefined}>
              <legend>{t("moderation.report.reasonLegend")}</legend>
              {reasons.map((reason) => (
                <div key={reason} className="choice">
                  <input
                    type="radio"
                    id={`reason-${reason}`}
                    name={fields.reason.name}
                    value={reason}
                    defaultChecked={fields.reason.initialValue === reason}
                  />
                  <label htmlFor={`reason-${reason}`}>{t(`moderation.reason.${reason}`)}</label>
                </div>
              ))}
              {fields.reason.errors?.length ? (
                <p className="field-error" id={fields.reason.errorId}>
                  {fields.reason.errors.map((e) => translateMessage(t, e)).join(" ")}
                </p>
              ) : null}
            </fieldset>
            <div className="field">
              <label htmlFor={fields.note.id}>{t("moderation.report.note")}</label>
              <textarea
                {...getTextareaProps(fields.note, { ariaAttributes: true })}
                aria-describedby={`${fields.note.id}-hint`}
                rows={4}
              />
              <p className="hint" id={`${fields.note.id}-hint`}>
                {t("moderation.report.noteHint")}
              </p>
              {fields.note.errors?.length ? (
                <p className="field-error" id={fields.note.errorId}>
                  {fields.note.errors.map((e) => translateMessage(t, e)).join(" ")}
                </p>
              ) : null}
            </div>
            <button type="submit" className="primary">
              {t("moderation.report.submit")}
            </button>
          </Form>
        </>
      )}
      {backLink}
    </div>
  );
}
