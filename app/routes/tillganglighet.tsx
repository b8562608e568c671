import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { getUser } from "../auth/session.server";
import { saveBarrierReport } from "../domain/accessibility/barriers.server";
import { barrierSchema } from "../domain/accessibility/schemas";
import { getLocale } from "../ui/i18n/locale.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { rateLimitHeaders, retryAfterHeaders } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "accessibility.title" });

// A refused report tells the browser when to try again.
export const headers: HeadersFunction = retryAfterHeaders;

const gapKeys = ["markdown", "live", "pdf"] as const;

export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: barrierSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: false }, { status: 400 });
  // Reports come from visitors too, so the key is the account when there is one and the address otherwise.
  const limited = await context.rateLimits.consumeBarrierReport(user?.id ?? `ip:${context.clientIp}`);
  if (limited) {
    const waitMinutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    const reply = submission.reply({ formErrors: [`accessibility.report.tooMany?minutes=${waitMinutes}`] });
    return data({ result: reply, done: false }, { status: 429, headers: rateLimitHeaders(limited) });
  }
  const db = context.database.db;
  // The admins' mails about the report are queued with it and sent by the mail worker.
  await saveBarrierReport(db, { ...submission.value, reporterId: user?.id ?? null }, getLocale(request));
  commit(context);
  return { result: submission.reply({ resetForm: true }), done: true };
}

export default function AccessibilityStatement() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(barrierSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: barrierSchema }),
  });
  return (
    <div className="stack">
      <h1>{t("accessibility.title")}</h1>
      <p className="lead">{t("accessibility.lead")}</p>

      <section aria-labelledby="a11y-status">
        <h2 id="a11y-status">{t("accessibility.statusTitle")}</h2>
        <p>{t("accessibility.statusText")}</p>
      </section>

      <section aria-labelledby="a11y-gaps">
        <h2 id="a11y-gaps">{t("accessibility.gapsTitle")}</h2>
        <ul>
          {gapKeys.map((key) => (
            <li key={key}>{t(`accessibility.gaps.${key}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="a11y-how">
        <h2 id="a11y-how">{t("accessibility.howTitle")}</h2>
        <p>{t("accessibility.howText")}</p>
      </section>

      <section aria-labelledby="a11y-report" className="form">
        <h2 id="a11y-report">{t("accessibility.reportTitle")}</h2>
        <p>{t("accessibility.reportLead")}</p>
        {actionData?.done ? (
          <p className="notice" role="status">
            {t("accessibility.report.thanks")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <Field meta={fields.page} label={t("accessibility.report.page")} hint={t("accessibility.report.pageHint")} />
          <Field
            meta={fields.description}
            label={t("accessibility.report.description")}
            hint={t("accessibility.report.descriptionHint")}
            multiline
          />
          <Field
            meta={fields.contactEmail}
            label={t("accessibility.report.contactEmail")}
            hint={t("accessibility.report.contactHint")}
            type="email"
            autoComplete="email"
          />
          <button type="submit" className="primary">
            {t("accessibility.report.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="a11y-supervision">
        <h2 id="a11y-supervision">{t("accessibility.supervisionTitle")}</h2>
        <p>{t("accessibility.supervisionText")}</p>
      </section>
    </div>
  );
}
