import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { resetPasswordSchema } from "../auth/schemas";
import { blankSessionCookie } from "../auth/session.server";
import { resetPassword, resetTokenIsValid } from "../domain/accounts/password-reset.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "security.resetTitle" });

const tokenPattern = /^[A-Za-z0-9_-]{20,100}$/;

// A document response carries only the headers a route passes on: the token must not leave in a Referer.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const valid = tokenPattern.test(token) && (await resetTokenIsValid(context.database.db, token));
  // A link that no longer works says so, with a 410 so it is clearly not a page to keep.
  return data({ valid }, { status: valid ? 200 : 410, headers: { "Referrer-Policy": "no-referrer" } });
}

const problems = {
  too_short: "validation.passwordTooShort",
  too_long: "validation.passwordTooLong",
  too_common: "validation.passwordTooCommon",
} as const;

export async function action({ params, request, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: resetPasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["newPassword"] }), { status: 400 });
  const outcome = tokenPattern.test(token)
    ? await resetPassword(context.database.db, token, submission.value.newPassword)
    : ({ ok: false, problem: "invalid_token" } as const);
  if (!outcome.ok) {
    if (outcome.problem === "invalid_token")
      return data(submission.reply({ formErrors: ["security.resetInvalid"], hideFields: ["newPassword"] }), { status: 410 });
    return data(submission.reply({ fieldErrors: { newPassword: [problems[outcome.problem]] }, hideFields: ["newPassword"] }), {
      status: 400,
    });
  }
  context.live.disconnectUser(outcome.userId);
  throw redirect("/logga-in?losenord=1", { headers: { "Set-Cookie": blankSessionCookie(context) } });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  return (
    <div className="form">
      <h1>{t("security.resetTitle")}</h1>
      {valid ? (
        <>
          <p>{t("security.resetLead")}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors form={form} />
            <Field
              meta={fields.newPassword}
              label={t("account.newPassword")}
              type="password"
              hint={t("auth.passwordHint")}
              autoComplete="new-password"
            />
            <button type="submit" className="primary">
              {t("security.resetButton")}
            </button>
          </Form>
        </>
      ) : (
        <p>
          {t("security.resetInvalid")} <Link to="/glomt-losenord">{t("security.forgotLink")}</Link>
        </p>
      )}
    </div>
  );
}
