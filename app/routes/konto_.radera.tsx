import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useForm, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { deleteAccountSchema } from "../auth/schemas";
import { blankSessionCookie, endAllSessions, requirePermission } from "../auth/session.server";
import { authenticate } from "../domain/accounts/accounts.server";
import { deleteAccount } from "../domain/accounts/privacy.server";
import { FormErrors, Field, translateMessage } from "../ui/forms";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "security.deleteTitle" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "account.update");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: deleteAccountSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const db = context.database.db;
  // The password guards against a session left open on someone else's screen.
  if ((await authenticate(db, user.email, submission.value.password)) !== user.id) {
    return data(submission.reply({ fieldErrors: { password: ["security.deleteWrongPassword"] }, hideFields: ["password"] }), {
      status: 400,
    });
  }
  const outcome = await deleteAccount(db, user.id, submission.value.posts);
  commit(context, outcome.events);
  await endAllSessions(context, user.id);
  throw redirect("/logga-in?raderat=1", { headers: { "Set-Cookie": blankSessionCookie(context) } });
}

export default function DeleteAccount() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteAccountSchema }),
  });
  const postsError = fields.posts.errors?.length ? fields.posts.errors.map((e) => translateMessage(t, e)).join(" ") : null;
  return (
    <div className="form">
      <h1>{t("security.deleteTitle")}</h1>
      <p>{t("security.deleteLead")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <fieldset aria-describedby={postsError ? fields.posts.errorId : undefined}>
          <legend>{t("security.deletePosts")}</legend>
          <div>
            <input type="radio" id="posts-keep" name="posts" value="keep" defaultChecked={fields.posts.initialValue === "keep"} />
            <label htmlFor="posts-keep">{t("security.deleteKeep")}</label>
          </div>
          <div>
            <input
              type="radio"
              id="posts-remove"
              name="posts"
              value="remove"
              defaultChecked={fields.posts.initialValue === "remove"}
            />
            <label htmlFor="posts-remove">{t("security.deleteRemove")}</label>
          </div>
          {postsError ? (
            <p className="field-error" id={fields.posts.errorId}>
              {postsError}
            </p>
          ) : null}
        </fieldset>
        <Field meta={fields.password} label={t("security.deletePassword")} type="password" autoComplete="current-password" />
        <button type="submit" className="primary">
          {t("security.deleteButton")}
        </button>
      </Form>
    </div>
  );
}
