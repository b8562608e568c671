import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../format-date";
import { useRootData } from "../root-data";

/** A news item or event as the loaders send it (dates arrive as strings). */
export interface NewsView {
  slug: string;
  kind: "news" | "event";
  title: string;
  summary: string;
  publishedAt: string | Date;
  published: boolean;
  startsAt: string | Date | null;
  endsAt: string | Date | null;
  location: string | null;
  online: boolean;
  recordingUrl: string | null;
}

function formatTime(date: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Stockholm",
  }).format(new Date(date));
}

/**
 * When and where an event takes place, and its recording once there is one; on its own page
 * (`calendarLink`) also a link that adds it to the reader's calendar.
 */
export function EventFacts({ item, calendarLink = false }: { item: NewsView; calendarLink?: boolean }) {
  const { t } = useTranslation();
  const { locale } = useRootData();
  if (item.kind !== "event" || !item.startsAt) return null;
  const place = [item.location, item.online ? t("news.online") : null].filter(Boolean).join(" · ");
  const facts = (
    <dl className="facts">
      <dt>{t("news.when")}</dt>
      <dd>
        {formatTime(item.startsAt, locale)}
        {item.endsAt ? ` – ${formatTime(item.endsAt, locale)}` : ""}
      </dd>
      <dt>{t("news.where")}</dt>
      <dd>{place}</dd>
      {item.recordingUrl ? (
        <>
          <dt>{t("news.recording")}</dt>
          <dd>
            <a href={item.recordingUrl} rel="noopener nofollow">
              {t("news.watchRecording")}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
  if (!calendarLink) return facts;
  return (
    <>
      {facts}
      <p>
        <a href={`/aktuellt/${item.slug}/kalender.ics`} download>
          {t("news.addToCalendar")}
        </a>
      </p>
    </>
  );
}

export function NewsCard({ item, headingLevel = 3 }: { item: NewsView; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const { locale } = useRootData();
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="card">
      <p className="muted">
        <span className="badge">{t(`news.kind.${item.kind}`)}</span> {formatDate(item.publishedAt, locale)}
        {item.published ? null : (
          <>
            {" "}
            <span className="badge">{t("news.unpublished")}</span>
          </>
        )}
      </p>
      <Heading>
        <Link to={`/aktuellt/${item.slug}`}>{item.title}</Link>
      </Heading>
      <p>{item.summary}</p>
      <EventFacts item={item} />
    </article>
  );
}
