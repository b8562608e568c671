import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { confirmSignup, findSignup } from "../domain/newsletter/newsletter.server";
import { getLocale } from "../ui/i18n/locale.server";
import { pageTitle } from "../ui/meta";
import { commit } from "../http/commit.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "newsletter.confirmTitle" });

// Opening the link only shows a button: mail scanners that follow links must not confirm on someone's behalf.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (params.get("bekraftad") === "1") return { token: "", valid: false, confirmed: true };
  const token = params.get("token") ?? "";
  const signup = await findSignup(context.database.db, token);
  if (!signup) return data({ token: "", valid: false, confirmed: false }, { status: 404 });
  return { token, valid: true, confirmed: false };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const token = String(form.get("token") ?? "");
  const outcome = await confirmSignup(context.database.db, token, getLocale(request));
  if (!outcome.ok) return data({ failed: true }, { status: 400 });
  commit(context);
  return redirect("/nyhetsbrev/bekrafta?bekraftad=1");
}

export default function ConfirmNewsletter() {
  const { t } = useTranslation();
  const { token, valid, confirmed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack form">
      <h1>{t("newsletter.confirmTitle")}</h1>
      {confirmed ? (
        <p className="notice" role="status">
          {t("newsletter.confirmed")}
        </p>
      ) : actionData || !valid ? (
        <>
          <p className="form-error" role="alert">
            {t("newsletter.invalidLink")}
          </p>
          <p>
            <Link to="/nyhetsbrev">{t("newsletter.tryAgain")}</Link>
          </p>
        </>
      ) : (
        <Form method="post">
          <p>{t("newsletter.confirmText")}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="primary">
            {t("newsletter.confirmButton")}
          </button>
        </Form>
      )}
    </div>
  );
}
