import { createEvent } from "ics";
import type { NewsItem } from "./news.server";

/**
 * An event of "Aktuellt" as an iCalendar file (RFC 5545), for a reader's calendar: times in UTC, the
 * place (or "online"), the summary and a link back to the page. Null for an item that is not an
 * event with a start. An event without an end ends when it starts, as RFC 5545 reads a DTSTART alone.
 */
export function eventCalendar(item: NewsItem, pageUrl: string, texts: { online: string; calendarName: string }): string | null {
  if (item.kind !== "event" || !item.startsAt) return null;
  const start = item.startsAt.getTime();
  const place = [item.location, item.online ? texts.online : null].filter(Boolean).join(" · ");
  const { error, value } = createEvent({
    uid: `news-${item.id}@${new URL(pageUrl).host}`,
    productId: "samhallsforum/aktuellt",
    calName: texts.calendarName,
    title: item.title,
    description: `${item.summary}\n\n${pageUrl}`,
    url: pageUrl,
    ...(place ? { location: place } : {}),
    start,
    startInputType: "utc",
    startOutputType: "utc",
    end: item.endsAt && item.endsAt.getTime() > start ? item.endsAt.getTime() : start,
    endInputType: "utc",
    endOutputType: "utc",
  });
  if (error || !value) throw error ?? new Error("no calendar file");
  return value;
}
