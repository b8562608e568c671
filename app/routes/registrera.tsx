import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod, getZodConstraint } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { registerSchema } from "../auth/schemas";
import { requireAnonymous, startSession } from "../auth/session.server";
import { checkRegisterAllowed } from "../auth/rate-limit.server";
import { registerUser } from "../domain/accounts/accounts.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "auth.registerTitle" });

// A document response carries only the headers a route passes on: Retry-After comes from the action.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

const passwordMessages = {
  too_short: "validation.passwordTooShort",
  too_long: "validation.passwordTooLong",
  too_common: "validation.passwordTooCommon",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: registerSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const limited = await checkRegisterAllowed(context.clientIp);
  if (limited) {
    const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    return data(submission.reply({ formErrors: [`auth.rateLimited?minutes=${minutes}`], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(limited.retryAfterSeconds) },
    });
  }
  const result = await registerUser(context.database.db, submission.value);
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> =
      result.problem === "email_taken" ? { email: ["auth.emailTaken"] } : { password: [passwordMessages[result.problem]] };
    return data(submission.reply({ fieldErrors, hideFields: ["password"] }), { status: 400 });
  }
  const cookie = await startSession(context, result.userId);
  throw redirect("/konto?ny=1", { headers: { "Set-Cookie": cookie } });
}

export default function Register() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(registerSchema),
    // Errors change while typing, not on blur: a message vanishing on blur moves the button away from a click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSchema }),
  });
  return (
    <div className="form">
      <h1>{t("auth.registerTitle")}</h1>
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
