import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { formStartedToken, judgeSubmission, saveContactMessage } from "../domain/contact/contact.server";
import { contactSchema } from "../domain/site/schemas";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { rateLimitHeaders, retryAfterHeaders } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "contact.title" });

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ context }: LoaderFunctionArgs) {
  return { started: formStartedToken(await context.secrets.form()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: contactSchema });
  const secret = await context.secrets.form();
  const started = formStartedToken(secret);
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false, started }, { status: 400 });
  const verdict = judgeSubmission(secret, submission.value, context.config.contact.minFillSeconds);
  // A filled honeypot is a bot: it is told "thank you" so it learns nothing, and nothing is kept.
  if (verdict === "honeypot") return { result: submission.reply({ resetForm: true }), sent: true, started };
  if (verdict !== "ok") {
    return data({ result: submission.reply({ formErrors: [`contact.${verdict}`] }), sent: false, started }, { status: 400 });
  }
  const limited = await context.rateLimits.checkContactAllowed(context.clientIp);
  if (limited) {
    const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    return data(
      { result: submission.reply({ formErrors: [`contact.rateLimited?minutes=${minutes}`] }), sent: false, started },
      { status: 429, headers: rateLimitHeaders(limited) },
    );
  }
  const { name, email, subject, message } = submission.value;
  // The message and the staff's mails about it are kept in one transaction; the mail worker sends them.
  await saveContactMessage(context.database.db, { name, email, subject, message }, context.config.contact);
  commit(context);
  return { result: submission.reply({ resetForm: true }), sent: true, started };
}

export default function Contact() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "contact",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contactSchema }),
  });
  return (
    <div className="stack form">
      <h1>{t("contact.title")}</h1>
      <p className="lead">{t("contact.lead")}</p>
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t("contact.thanks")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field meta={fields.name} label={t("contact.name")} autoComplete="name" />
        <Field meta={fields.email} label={t("contact.email")} type="email" autoComplete="email" />
        <Field meta={fields.subject} label={t("contact.subject")} />
        <Field meta={fields.message} label={t("contact.message")} multiline />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="contact-website">{t("contact.honeypot")}</label>
          <input id="contact-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <input type="hidden" name="started" value={actionData?.started ?? loaderData.started} />
        <p className="hint">{t("contact.privacy")}</p>
        <button type="submit" className="primary">
          {t("contact.send")}
        </button>
      </Form>
    </div>
  );
}
