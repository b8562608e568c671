import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useForm, getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import QRCode from "qrcode";
import { disableTwoFactorSchema, enableTwoFactorSchema, recoveryCodesSchema } from "../auth/schemas";
import { requirePermission } from "../auth/session.server";
import { isStaff } from "../auth/permissions";
import {
  codeMessage,
  disableTwoFactor,
  enableTwoFactor,
  makeRecoveryCodes,
  recoveryCodeCount,
  recoveryCodesLeft,
  twoFactorState,
  verifyTwoFactor,
} from "../domain/accounts/two-factor.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { badRequest, forbidden, notFound } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "security.twoFactorTitle" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  const state = await twoFactorState(context.database.db, user.id);
  if (!state) throw notFound(request, "errors.accountNotFound");
  // Rendered on the server to an image: no script and no third party sees the secret.
  const qr = state.uri
    ? `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(state.uri, { type: "svg", margin: 2 })).toString("base64")}`
    : null;
  const mayDisable = !(context.staffTwoFactor === "required" && isStaff(user.role));
  const recoveryLeft = state.enabled ? await recoveryCodesLeft(context.database.db, user.id) : 0;
  return {
    enabled: state.enabled,
    secret: state.secret,
    uri: state.uri,
    qr,
    mayDisable,
    recoveryLeft,
    recoveryTotal: recoveryCodeCount,
  };
}

/** A refused form: the fields' own errors, or the code's (wrong or already used); the code is never sent back. */
function refused(
  intent: string,
  submission: { reply(options: { fieldErrors?: Record<string, string[]>; hideFields: string[] }): SubmissionResult<string[]> },
  check?: "wrong" | "used",
) {
  const result = submission.reply({ fieldErrors: check ? { code: [codeMessage[check]] } : undefined, hideFields: ["code"] });
  return data({ intent, result, done: false }, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const db = context.database.db;
  if (intent === "enable") {
    const submission = parseWithZod(formData, { schema: enableTwoFactorSchema });
    if (submission.status !== "success") return refused(intent, submission);
    const check = await enableTwoFactor(db, user.id, submission.value.code);
    if (check !== "ok") {
      return refused(intent, submission, check);
    }
    // Shown once, in this answer only: the page itself never has them again.
    const recoveryCodes = await makeRecoveryCodes(db, user.id);
    return { intent, result: submission.reply({ resetForm: true }), done: true, recoveryCodes };
  }
  if (intent === "recovery") {
    const submission = parseWithZod(formData, { schema: recoveryCodesSchema });
    if (submission.status !== "success") return refused(intent, submission);
    const check = await verifyTwoFactor(db, user.id, submission.value.code);
    if (check === "wrong" || check === "used") {
      return refused(intent, submission, check);
    }
    const recoveryCodes = await makeRecoveryCodes(db, user.id);
    return { intent, result: submission.reply({ resetForm: true }), done: true, recoveryCodes };
  }
  if (intent === "disable") {
    if (context.staffTwoFactor === "required" && isStaff(user.role)) {
      throw forbidden(request, "errors.staffNeedsTwoFactor");
    }
    const submission = parseWithZod(formData, { schema: disableTwoFactorSchema });
    if (submission.status !== "success") return refused(intent, submission);
    const check = await disableTwoFactor(db, user.id, submission.value.code);
    if (check !== "ok") {
      return refused(intent, submission, check);
    }
    return { intent, result: submission.reply({ resetForm: true }), done: true, recoveryCodes: null };
  }
  throw badRequest(request, "errors.unknownAction");
}

export default function TwoFactor() {
  const { t } = useTranslation();
  const { enabled, secret, qr, mayDisable, recoveryLeft, recoveryTotal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const intent = enabled ? "disable" : "enable";
  const [form, fields] = useForm({
    id: `${intent}-form`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: enabled ? disableTwoFactorSchema : enableTwoFactorSchema }),
  });
  const [recoveryForm, recoveryFields] = useForm({
    id: "recovery-form",
    lastResult: actionData?.intent === "recovery" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recoveryCodesSchema }),
  });
  const newCodes = actionData && "recoveryCodes" in actionData ? actionData.recoveryCodes : null;
  return (
    <div className="form stack">
      <h1>{t("security.twoFactorTitle")}</h1>
      {searchParams.get("krav") && !enabled ? (
        <p className="notice" role="status">
          {t("security.twoFactorRequired")}
        </p>
      ) : null}
      {searchParams.get("aterstallningskod") && enabled && !actionData ? (
        <p className="notice" role="status">
          {t("security.recoverySignedIn", { count: recoveryLeft })}
        </p>
      ) : null}
      {actionData?.done && actionData.intent !== "recovery" ? (
        <p className="notice" role="status">
          {t(actionData.intent === "enable" ? "security.enabled" : "security.disabled")}
        </p>
      ) : null}
      {newCodes ? (
        <section className="recovery-codes stack" aria-labelledby="recovery-codes-title">
          <h2 id="recovery-codes-title">{t("security.recoveryNewTitle")}</h2>
          <p>{t("security.recoveryNewLead", { count: newCodes.length })}</p>
          <ol className="recovery-code-list">
            {newCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <p>{t(enabled ? "security.twoFactorOn" : "security.twoFactorOff")}</p>
      {!enabled ? (
        <>
          <p>{t("security.twoFactorSteps")}</p>
          {qr ? <img className="qr-code" src={qr} alt={t("security.qrAlt")} width={200} height={200} /> : null}
          <p>
            {t("security.secretKey")}: <code className="secret-key">{secret}</code>
          </p>
        </>
      ) : null}
      {enabled && !mayDisable ? <p>{t("security.disableNotAllowed")}</p> : null}
      {!enabled || mayDisable ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value={intent} />
          <Field meta={fields.code} label={t("security.code")} autoComplete="one-time-code" />
          <button type="submit" className={enabled ? "secondary" : "primary"}>
            {t(enabled ? "security.disableButton" : "security.enableButton")}
          </button>
        </Form>
      ) : null}
      {enabled ? (
        <section className="stack" aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t("security.recoveryTitle")}</h2>
          <p>{t("security.recoveryLeft", { count: recoveryLeft, total: recoveryTotal })}</p>
          <Form method="post" {...getFormProps(recoveryForm)}>
            <FormErrors form={recoveryForm} />
            <input type="hidden" name="intent" value="recovery" />
            <Field meta={recoveryFields.code} label={t("security.recoveryCodeField")} autoComplete="one-time-code" />
            <button type="submit" className="secondary">
              {t("security.recoveryButton")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
