import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "../auth/session.server";
import { listContactMessages } from "../domain/contact/contact.server";
import { formatDate } from "../ui/format-date";
import { pageTitle } from "../ui/meta";
import { useRootData } from "../ui/root-data";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "editorial.messages" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "site.private");
  return { messages: await listContactMessages(context.database.db) };
}

export default function ContactMessages() {
  const { t } = useTranslation();
  const { locale } = useRootData();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <nav aria-label={t("editorial.title")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/redaktion">{t("editorial.title")}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t("editorial.messages")}</h1>
      {messages.length === 0 ? <p className="muted">{t("editorial.noMessages")}</p> : null}
      <ul className="card-list">
        {messages.map((m) => (
          <li key={m.id} id={`meddelande-${m.id}`}>
            <article className="card">
              <h2>{m.subject}</h2>
              <p className="muted">
                {m.name} · <a href={`mailto:${m.email}`}>{m.email}</a> · {formatDate(m.createdAt, locale)}
              </p>
              <p className="prose pre-line">{m.message}</p>
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}
