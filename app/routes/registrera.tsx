import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod, getZodConstraint } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { registerSchema } from "../auth/schemas";
import { requireAnonymous } from "../auth/session.server";
import { normaliseEmail } from "../domain/accounts/accounts.server";
import { startRegistration } from "../domain/accounts/registration.server";
import { enqueueMail } from "../domain/mail/outbox.server";
import { getLocale } from "../ui/i18n/locale.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";
import { rateLimitHeaders, retryAfterHeaders } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "auth.registerTitle" });

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

const passwordMessages = {
  too_short: "validation.passwordTooShort",
  too_long: "validation.passwordTooLong",
  too_common: "validation.passwordTooCommon",
} as const;

/**
 * A new address and a known one get the same answer ("check your mail"), so the form tells no one
 * who has an account. The mail differs: a link that creates the account, or, to the owner of an
 * existing account, a notice that someone tried, with the ways to sign in.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: registerSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), sentTo: null }, { status: 400 });
  }
  const limited = await context.rateLimits.checkRegisterAllowed(context.clientIp);
  if (limited) {
    const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    return data(
      {
        result: submission.reply({ formErrors: [`auth.rateLimited?minutes=${minutes}`], hideFields: ["password"] }),
        sentTo: null,
      },
      { status: 429, headers: rateLimitHeaders(limited) },
    );
  }
  const started = await startRegistration(context.database.db, { ...submission.value, locale: getLocale(request) });
  if (!started.ok) {
    const fieldErrors = { password: [passwordMessages[started.problem]] };
    return data({ result: submission.reply({ fieldErrors, hideFields: ["password"] }), sentTo: null }, { status: 400 });
  }
  const { mail } = started;
  // A few mails per address and hour, silently: the answer stays the same.
  if (await context.rateLimits.registerMailAllowed(mail.to)) {
    await enqueueMail(
      context.database.db,
      mail.kind === "confirm"
        ? {
            to: mail.to,
            locale: mail.locale,
            template: "registration-confirm",
            data: { name: mail.displayName, path: `/registrera/bekrafta/${mail.token}` },
          }
        : { to: mail.to, locale: mail.locale, template: "registration-known", data: { name: mail.displayName } },
    );
    commit(context);
  }
  return { result: submission.reply({ resetForm: true }), sentTo: normaliseEmail(submission.value.email) };
}

export default function Register() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(registerSchema),
    // Errors change while typing, not on blur: a message vanishing on blur moves the button away from a click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSchema }),
  });
  return (
    <div className="form">
      <h1>{t("auth.registerTitle")}</h1>
      {actionData?.sentTo ? (
        <div className="notice" role="status">
          <p>{t("auth.registerSent", { email: actionData.sentTo })}</p>
          <p>{t("auth.registerSentHint")}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <Field meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <Field meta={fields.displayName} label={t("auth.displayName")} hint={t("auth.displayNameHint")} autoComplete="nickname" />
        <Field
          meta={fields.password}
          label={t("auth.password")}
          type="password"
          hint={t("auth.passwordHint")}
          autoComplete="new-password"
        />
        <button type="submit" className="primary">
          {t("auth.registerButton")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/logga-in">{t("auth.loginButton")}</Link>
      </p>
    </div>
  );
}
