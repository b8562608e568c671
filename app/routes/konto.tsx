import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { displayNameSchema, changePasswordSchema } from "../auth/schemas";
import { requirePermission, getCurrentSession, endOtherSessions } from "../auth/session.server";
import { updateDisplayName, changePassword } from "../domain/accounts/accounts.server";
import { Field, FormErrors } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { badRequest } from "../http/responses.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "account.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  return { user: { email: user.email, displayName: user.displayName, role: user.role } };
}

const passwordMessages = {
  wrong_password: "account.wrongPassword",
  too_short: "validation.passwordTooShort",
  too_long: "validation.passwordTooLong",
  too_common: "validation.passwordTooCommon",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "name") {
    const submission = parseWithZod(formData, { schema: displayNameSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), done: false }, { status: 400 });
    await updateDisplayName(context.database.db, user.id, submission.value.displayName);
    return { intent, result: submission.reply({ resetForm: false }), done: true };
  }
  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: changePasswordSchema });
    const hide = ["currentPassword", "newPassword"];
    if (submission.status !== "success")
      return data({ intent, result: submission.reply({ hideFields: hide }), done: false }, { status: 400 });
    const { currentPassword, newPassword } = submission.value;
    const outcome = await changePassword(context.database.db, user.id, currentPassword, newPassword);
    if (!outcome.ok) {
      const field = outcome.problem === "wrong_password" ? "currentPassword" : "newPassword";
      return data(
        {
          intent,
          result: submission.reply({ fieldErrors: { [field]: [passwordMessages[outcome.problem]] }, hideFields: hide }),
          done: false,
        },
        { status: 400 },
      );
    }
    const current = await getCurrentSession(request, context);
    await endOtherSessions(context, user.id, current!.sessionId);
    return { intent, result: submission.reply({ resetForm: true }), done: true };
  }
  throw badRequest(request, "errors.unknownAction");
}

export default function Account() {
  const { t } = useTranslation();
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [nameForm, nameFields] = useForm({
    id: "name-form",
    lastResult: actionData?.intent === "name" ? actionData.result : undefined,
    defaultValue: { displayName: user.displayName },
    // Errors change while typing, not on blur: a message vanishing on blur moves the button away from a click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: displayNameSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password-form",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    // Errors change while typing, not on blur: a message vanishing on blur moves the button away from a click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <div className="stack">
      <h1>{t("account.title")}</h1>
      {searchParams.get("ny") ? (
        <p className="notice" role="status">
          {t("account.welcome", { name: user.displayName })}
        </p>
      ) : null}
      <p>{t("account.signedInAs", { email: user.email, role: t(`role.${user.role}`) })}</p>

      <section className="card form" aria-labelledby="name-heading">
        <h2 id="name-heading">{t("account.nameTitle")}</h2>
        {actionData?.intent === "name" && actionData.done ? (
          <p className="notice" role="status">
            {t("account.nameSaved")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(nameForm)}>
          <FormErrors form={nameForm} />
          <input type="hidden" name="intent" value="name" />
          <Field meta={nameFields.displayName} label={t("auth.displayName")} autoComplete="nickname" />
          <button type="submit" className="primary">
            {t("account.saveName")}
          </button>
        </Form>
      </section>

      <section className="card form" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("account.passwordTitle")}</h2>
        {actionData?.intent === "password" && actionData.done ? (
          <p className="notice" role="status">
            {t("account.passwordChanged")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(passwordForm)}>
          <FormErrors form={passwordForm} />
          <input type="hidden" name="intent" value="password" />
          <Field
            meta={passwordFields.currentPassword}
            label={t("account.currentPassword")}
            type="password"
            autoComplete="current-password"
          />
          <Field
            meta={passwordFields.newPassword}
            label={t("account.newPassword")}
            type="password"
            hint={t("auth.passwordHint")}
            autoComplete="new-password"
          />
          <button type="submit" className="primary">
            {t("account.changePassword")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="security-heading">
        <h2 id="security-heading">{t("security.securityTitle")}</h2>
        <ul>
          <li>
            <Link to="/konto/tvastegs">{t("security.twoFactorLink")}</Link>
          </li>
          <li>
            <a href="/konto/mina-uppgifter.json" download>
              {t("security.exportLink")}
            </a>{" "}
            – {t("security.exportHint")}
          </li>
          <li>
            <Link to="/personuppgifter">{t("privacyPage.title")}</Link>
          </li>
          <li>
            <Link to="/konto/radera">{t("security.deleteLink")}</Link>
          </li>
        </ul>
        <Form method="post" action="/logga-ut">
          <input type="hidden" name="intent" value="everywhere" />
          <button type="submit" className="secondary">
            {t("security.logoutEverywhere")}
          </button>
        </Form>
      </section>

      <Form method="post" action="/logga-ut">
        <button type="submit" className="secondary">
          {t("nav.logout")}
        </button>
      </Form>
    </div>
  );
}
