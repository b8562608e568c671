import { data, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requestSignup } from "../domain/newsletter/newsletter.server";
import { newsletterSchema } from "../domain/site/schemas";
import { getLocale } from "../ui/i18n/locale.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { rateLimitHeaders, retryAfterHeaders } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "newsletter.title" });

export const headers: HeadersFunction = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: newsletterSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const limited = await context.rateLimits.checkNewsletterAllowed(context.clientIp);
  if (limited) {
    const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    return data(
      { result: submission.reply({ formErrors: [`newsletter.rateLimited?minutes=${minutes}`] }), sent: false },
      { status: 429, headers: rateLimitHeaders(limited) },
    );
  }
  // The answer is the same whether or not the address is already on the list, so the form
  // cannot be used to find out who subscribes. The confirmation mail is queued with the sign-up.
  const outcome = await requestSignup(context.database.db, submission.value.email, getLocale(request));
  if (outcome.kind === "confirm") commit(context);
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function Newsletter() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "newsletter",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newsletterSchema }),
  });
  return (
    <div className="stack form">
      <h1>{t("newsletter.title")}</h1>
      <p className="lead">{t("newsletter.lead")}</p>
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t("newsletter.checkInbox")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field
          meta={fields.email}
          label={t("newsletter.email")}
          type="email"
          autoComplete="email"
          hint={t("newsletter.privacy")}
        />
        <button type="submit" className="primary">
          {t("newsletter.subscribe")}
        </button>
      </Form>
    </div>
  );
}
