import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { startSession } from "../auth/session.server";
import { confirmRegistration, findRegistration } from "../domain/accounts/registration.server";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "auth.confirmTitle" });

const noReferrer = { "Referrer-Policy": "no-referrer" };

// A document response carries only the headers a route passes on: the token must not leave in a Referer.
export const headers: HeadersFunction = () => noReferrer;

const tokenPattern = /^[A-Za-z0-9_-]{20,100}$/;

// Opening the link only shows a button: mail scanners that follow links must not create the account.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const pending = tokenPattern.test(token) ? await findRegistration(context.database.db, token) : null;
  if (!pending) return data({ pending: null }, { status: 410, headers: noReferrer });
  return data({ pending }, { headers: noReferrer });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const outcome = tokenPattern.test(token) ? await confirmRegistration(context.database.db, token) : ({ ok: false } as const);
  if (!outcome.ok) return data({ failed: true }, { status: 410, headers: noReferrer });
  const cookie = await startSession(context, outcome.userId);
  throw redirect("/konto?ny=1", { headers: { "Set-Cookie": cookie } });
}

export default function ConfirmRegistration() {
  const { t } = useTranslation();
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="form">
      <h1>{t("auth.confirmTitle")}</h1>
      {pending && !actionData?.failed ? (
        <>
          <p>{t("auth.confirmLead", { name: pending.displayName, email: pending.email })}</p>
          <Form method="post">
            <button type="submit" className="primary">
              {t("auth.confirmButton")}
            </button>
          </Form>
        </>
      ) : (
        <p>
          {t("auth.confirmInvalid")} <Link to="/registrera">{t("auth.confirmAgain")}</Link>
        </p>
      )}
    </div>
  );
}
