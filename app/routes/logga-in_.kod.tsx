import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { codeSchema } from "../auth/schemas";
import { safeRedirect } from "../http/redirect";
import { completeTwoFactor, endSession, getPendingTwoFactor } from "../auth/session.server";
import { codeMessage, verifyTwoFactor } from "../domain/accounts/two-factor.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "security.codeTitle" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await getPendingTwoFactor(request, context))) throw redirect("/logga-in");
  // The form carries on only a path the code step would follow anyway.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await getPendingTwoFactor(request, context);
  if (!pending) throw redirect("/logga-in");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: codeSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["code"] }), { status: 400 });
  const check = await verifyTwoFactor(context.database.db, pending.user.id, submission.value.code);
  if (check === "wrong" || check === "used") {
    const limited = await context.rateLimits.recordWrongCode(pending.sessionId, pending.user.id);
    if (limited) {
      // The half-signed-in session ends: the next try starts again from the password.
      const cookie = await endSession(request, context);
      throw redirect("/logga-in?kodspärr=1", { headers: { "Set-Cookie": cookie } });
    }
    return data(submission.reply({ fieldErrors: { code: [codeMessage[check]] }, hideFields: ["code"] }), { status: 400 });
  }
  const cookie = await completeTwoFactor(context, pending);
  // After a recovery code, the two-factor page says how many are left and offers new ones.
  const to = check === "recovery" ? "/konto/tvastegs?aterstallningskod=1" : safeRedirect(submission.value.redirectTo, "/");
  throw redirect(to, { headers: { "Set-Cookie": cookie } });
}

export default function TwoFactorCode() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: codeSchema }),
  });
  return (
    <div className="form">
      <h1>{t("security.codeTitle")}</h1>
      <p>{t("security.codeLead")}</p>
      <p className="hint">{t("security.codeRecoveryHint")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field meta={fields.code} label={t("security.code")} autoComplete="one-time-code" />
        <button type="submit" className="primary">
          {t("security.codeButton")}
        </button>
      </Form>
    </div>
  );
}
