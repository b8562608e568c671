import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { unsubscribe } from "../domain/newsletter/newsletter.server";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "newsletter.unsubscribeTitle" });

/**
 * The link in every mail unsubscribes at once (one click). Unlike confirming, doing it by
 * mistake costs little, and a second step would keep people on a list they want off.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const removed = await unsubscribe(context.database.db, token);
  return data({ removed }, { status: removed ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

/** The page answers a personal link: neither a browser nor the server's page cache keeps it. */
export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store",
});

export default function Unsubscribe() {
  const { t } = useTranslation();
  const { removed } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("newsletter.unsubscribeTitle")}</h1>
      <p className={removed ? "notice" : ""} role="status">
        {removed ? t("newsletter.unsubscribed") : t("newsletter.notSubscribed")}
      </p>
      <p>
        <Link to="/nyhetsbrev">{t("newsletter.subscribeAgain")}</Link>
      </p>
    </div>
  );
}
