import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { forgotPasswordSchema } from "../auth/schemas";
import { requireAnonymous } from "../auth/session.server";
import { createResetToken } from "../domain/accounts/password-reset.server";
import { normaliseEmail } from "../domain/accounts/accounts.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { rateLimitHeaders, retryAfterHeaders } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "security.forgotTitle" });

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const limited = await context.rateLimits.checkResetAllowed(context.clientIp);
  if (limited) {
    return data(
      {
        result: submission.reply({
          formErrors: [`auth.rateLimited?minutes=${Math.max(1, Math.ceil(limited.retryAfterSeconds / 60))}`],
        }),
        sent: false,
      },
      { status: 429, headers: rateLimitHeaders(limited) },
    );
  }
  const email = normaliseEmail(submission.value.email);
  // Known and unknown addresses get the same answer; the mail with the link is queued with the
  // token and sent by the mail worker, its link on the configured public origin (never this request's Host).
  if (await context.rateLimits.resetMailAllowed(email)) {
    if (await createResetToken(context.database.db, email)) commit(context);
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <div className="form">
      <h1>{t("security.forgotTitle")}</h1>
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t("security.forgotSent")}
        </p>
      ) : null}
      <p>{t("security.forgotLead")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <button type="submit" className="primary">
          {t("security.forgotButton")}
        </button>
      </Form>
    </div>
  );
}
