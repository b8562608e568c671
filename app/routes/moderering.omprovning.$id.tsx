import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireUser } from "../auth/session.server";
import { appealDecision, getAppealableDecision } from "../domain/moderation/appeals.server";
import { appealSchema } from "../domain/moderation/schemas";
import { FormErrors, translateMessage } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { notFound, parseId } from "../http/responses.server";
import { commit } from "../http/commit.server";
import { problemErrors, problemResponse, problems } from "../http/problems";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "moderation.appeal.title" });

function auditId(raw: string | undefined): number {
  return parseId(raw) ?? 0;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const decision = await getAppealableDecision(context.database.db, user, auditId(params.id));
  if (!decision) throw notFound(request, "errors.decisionNotFound");
  return {
    action: decision.action.split(".")[1],
    reasonCategory: decision.reasonCategory,
    reason: decision.reason,
    appealable: decision.appealable,
    alreadyAppealed: decision.alreadyAppealed,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: appealSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), sent: false }, { status: 400 });
  const outcome = await appealDecision(context.database.db, user, auditId(params.id), submission.value.note ?? null);
  if (!outcome.ok) {
    const answer = problems.appeal[outcome.problem];
    if (answer.status === 404) throw problemResponse(request, answer);
    return data({ ...submission.reply(problemErrors(answer)), sent: false }, { status: answer.status });
  }
  commit(context, outcome.events);
  return { ...submission.reply({ resetForm: true }), sent: true };
}

export default function Appeal() {
  const { t } = useTranslation();
  const decision = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(appealSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: appealSchema }),
  });
  return (
    <div className="form">
      <h1>{t("moderation.appeal.title")}</h1>
      <p>{t("moderation.appeal.decision", { action: t(`moderation.action.${decision.action}`) })}</p>
      {decision.reasonCategory ? (
        <p>{t("moderation.appeal.reason", { reason: t(`moderation.reason.${decision.reasonCategory}`) })}</p>
      ) : null}
      {decision.reason ? <p>{t("moderation.appeal.motivation", { text: decision.reason })}</p> : null}
      {lastResult?.sent ? (
        <p className="notice" role="status">
          {t("moderation.appeal.sent")}
        </p>
      ) : !decision.appealable ? (
        <p className="notice">{t("moderation.appeal.notAppealable")}</p>
      ) : decision.alreadyAppealed ? (
        <p className="notice">{t("moderation.appeal.already")}</p>
      ) : (
        <>
          <p>{t("moderation.appeal.lead")}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors form={form} />
            <div className="field">
              <label htmlFor={fields.note.id}>{t("moderation.appeal.note")}</label>
              <textarea {...getTextareaProps(fields.note, { ariaAttributes: true })} rows={4} />
              {fields.note.errors?.length ? (
                <p className="field-error" id={fields.note.errorId}>
                  {fields.note.errors.map((e) => translateMessage(t, e)).join(" ")}
                </p>
              ) : null}
            </div>
            <button type="submit" className="primary">
              {t("moderation.appeal.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
