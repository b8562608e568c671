import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod, getZodConstraint } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { loginSchema } from "../auth/schemas";
import { safeRedirect } from "../http/redirect";
import { requireAnonymous, startSession, twoFactorPath } from "../auth/session.server";
import { isStaff } from "../auth/permissions";
import { hasTwoFactor } from "../domain/accounts/two-factor.server";
import { authenticate, normaliseEmail, getUserById } from "../domain/accounts/accounts.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { rateLimitHeaders, retryAfterHeaders } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "auth.loginTitle" });

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  // The form carries on only a path the sign-in would follow anyway.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const account = normaliseEmail(email);
  const { limited, delayMs } = await context.rateLimits.beginLogin(context.clientIp, account);
  if (limited) {
    return data(
      submission.reply({
        formErrors: [`auth.rateLimited?minutes=${Math.max(1, Math.ceil(limited.retryAfterSeconds / 60))}`],
        hideFields: ["password"],
      }),
      { status: 429, headers: rateLimitHeaders(limited) },
    );
  }
  // Many failures for this account from everywhere slow each attempt down; they never lock the owner out.
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const userId = await authenticate(context.database.db, account, password);
  if (!userId) {
    await context.rateLimits.loginFailed(context.clientIp, account);
    return data(submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }), { status: 400 });
  }
  await context.rateLimits.loginSucceeded(context.clientIp, account);
  const next = safeRedirect(redirectTo, "/");
  if (await hasTwoFactor(context.database.db, userId)) {
    // The password was right; the session signs no one in until the code is given too.
    const cookie = await startSession(context, userId, { pendingTwoFactor: true });
    throw redirect(`/logga-in/kod?redirectTo=${encodeURIComponent(next)}`, { headers: { "Set-Cookie": cookie } });
  }
  const cookie = await startSession(context, userId);
  const role = await roleOf(context, userId);
  const enrol = context.staffTwoFactor === "required" && isStaff(role);
  throw redirect(enrol ? `${twoFactorPath}?krav=1` : next, { headers: { "Set-Cookie": cookie } });
}

async function roleOf(context: ActionFunctionArgs["context"], userId: string) {
  return (await getUserById(context.database.db, userId))?.role ?? "resident";
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(loginSchema),
    // Errors change while typing, not on blur: a message vanishing on blur moves the button away from a click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  return (
    <div className="form">
      <h1>{t("auth.loginTitle")}</h1>
      {searchParams.get("utloggad") ? (
        <p className="notice" role="status">
          {t("auth.loggedOut")}
        </p>
      ) : null}
      {searchParams.get("losenord") ? (
        <p className="notice" role="status">
          {t("security.resetDone")}
        </p>
      ) : null}
      {searchParams.get("kodspärr") ? (
        <p className="form-error" role="alert">
          {t("security.codeTooMany")}
        </p>
      ) : null}
      {searchParams.get("raderat") ? (
        <p className="notice" role="status">
          {t("security.deleted")}
        </p>
      ) : null}
      {searchParams.get("overallt") ? (
        <p className="notice" role="status">
          {t("security.loggedOutEverywhere")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" />
        <Field meta={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
        <button type="submit" className="primary">
          {t("auth.loginButton")}
        </button>
      </Form>
      <p>
        <Link to="/glomt-losenord">{t("security.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/registrera">{t("auth.registerButton")}</Link>
      </p>
    </div>
  );
}
