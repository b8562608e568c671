import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../auth/permissions";
import { requirePermission } from "../auth/session.server";
import { getLiveCursor } from "../domain/live/outbox.server";
import { listQueue } from "../domain/moderation/queue.server";
import { availableDecisions } from "../domain/moderation/decisions.server";
import { useLiveRevalidation } from "../realtime/hooks";
import { DecisionForm } from "../ui/moderation/DecisionForm";
import { pageTitle } from "../ui/meta";
import { auditActionKey } from "../domain/audit/actions";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "moderation.queue.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const moderator = await requirePermission(request, context, "moderation.queue");
  // Read before the data: events after this cursor are replayed live, so none is lost in between.
  const liveCursor = await getLiveCursor(context.database.db, "moderation", context);
  const db = context.database.db;
  const items = await listQueue(db, moderator.id);
  const withKinds = [];
  for (const item of items) {
    const available = await availableDecisions(db, moderator, item.target.type, item.target.id);
    withKinds.push({
      ...item,
      kinds: available?.kinds ?? [],
      formTarget: {
        type: item.target.type,
        id: item.target.id,
        title: available?.target.title ?? null,
        body: item.target.type === "user" ? null : (available?.target.body ?? null),
      },
    });
  }
  const done = new URL(request.url).searchParams.get("beslut") === "klart";
  const mayConfigure = can(moderator, "moderation.settings", { ownerId: moderator.id });
  return { items: withKinds, liveCursor, done, mayConfigure };
}

const dateFormat = (iso: string, locale: string) => new Date(iso).toLocaleDateString(locale === "en" ? "en-GB" : "sv-SE");

export default function ModerationQueue() {
  const { t, i18n } = useTranslation();
  const { items, liveCursor, done, mayConfigure } = useLoaderData<typeof loader>();
  const updates = useLiveRevalidation("moderation", { after: liveCursor });
  return (
    <div className="stack">
      <h1>{t("moderation.queue.title")}</h1>
      <p>{t("moderation.queue.lead")}</p>
      <p>
        <Link to="/moderering">{t("moderation.log.title")}</Link>
        {mayConfigure ? (
          <>
            {" · "}
            <Link to="/moderator/installningar">{t("moderation.queue.settingsLink")}</Link>
          </>
        ) : null}
      </p>
      {done ? (
        <p className="notice" role="status">
          {t("moderation.decide.done")}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {updates > 0 ? t("moderation.queue.updated") : ""}
      </p>
      {items.length === 0 ? <p>{t("moderation.queue.empty")}</p> : null}
      <ol className="queue">
        {items.map((item) => (
          <li key={item.id} className="card queue-item" data-testid={`review-${item.target.type}-${item.target.id}`}>
            <h2>{t("moderation.queue.item", { target: t(`moderation.target.${item.target.type}`), id: item.id })}</h2>
            <p className="badge">{t(`moderation.queue.origin.${item.origin}`)}</p>
            {item.appealNote ? <p>{t("moderation.queue.appealNote", { note: item.appealNote })}</p> : null}
            {item.reports.length > 0 ? (
              <>
                <h3>{t("moderation.queue.reports")}</h3>
                <ul>
                  {item.reports.map((r, i) => (
                    <li key={i}>
                      {t("moderation.queue.reportLine", { reason: t(`moderation.reason.${r.reason}`), reporter: r.reporter })}
                      {r.note ? <q className="report-note">{r.note}</q> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>{t("moderation.queue.content")}</h3>
            {item.context ? (
              <p>
                {t("moderation.queue.context")} <Link to={item.context.ideaLink}>{item.context.ideaTitle}</Link>
              </p>
            ) : null}
            {item.target.title ? <p className="queue-title">{item.target.title}</p> : null}
            {item.target.hidden ? (
              <p className="muted">
                {t(item.target.hiddenReason === "pending_review" ? "moderation.hiddenPending" : "moderation.hiddenByModerator")}
              </p>
            ) : null}
            {item.target.deleted ? <p className="muted">{t("moderation.queue.contentRemoved")}</p> : null}
            {item.target.bodyHtml ? (
              <div className="markdown quoted" dangerouslySetInnerHTML={{ __html: item.target.bodyHtml }} />
            ) : null}
            {item.target.link ? (
              <p>
                <Link to={item.target.link}>{t("moderation.queue.open")}</Link>
              </p>
            ) : null}
            <h3>{t("moderation.queue.author")}</h3>
            <p>
              {item.author.displayName} ({t(`role.${item.author.role}`)}).{" "}
              {t("moderation.queue.history", {
                since: item.author.memberSince ? dateFormat(item.author.memberSince, i18n.language) : "–",
                ideas: item.author.ideas,
                comments: item.author.comments,
                removed: item.author.removed,
              })}
              {item.author.suspendedUntil && new Date(item.author.suspendedUntil) > new Date()
                ? ` ${t("moderation.queue.suspendedUntil", { date: dateFormat(item.author.suspendedUntil, i18n.language) })}`
                : null}
            </p>
            {item.author.earlierDecisions.length > 0 ? (
              <>
                <h4>{t("moderation.queue.earlier")}</h4>
                <ul>
                  {item.author.earlierDecisions.map((d, i) => (
                    <li key={i}>
                      {dateFormat(d.createdAt, i18n.language)}: {t(auditActionKey(d.action))}
                      {d.reasonCategory ? ` (${t(`moderation.reason.${d.reasonCategory}`)})` : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {item.decidedByViewer ? <p className="notice">{t("moderation.queue.decidedByYou")}</p> : null}
            <DecisionForm target={item.formTarget} kinds={item.kinds} back="/moderator" />
            <p>
              <Link to={`/moderator/atgard?${new URLSearchParams({ typ: item.target.type, id: item.target.id })}`}>
                {t("moderation.queue.handle")}
              </Link>
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
