import type { LoaderFunctionArgs } from "@remix-run/node";
import { getNewsBySlug } from "../domain/site/news.server";
import { eventCalendar } from "../domain/site/calendar.server";
import { getLocale } from "../ui/i18n/locale.server";
import { translate } from "../ui/i18n";
import { notFound } from "../http/responses.server";

/** An event of "Aktuellt" for the reader's calendar (published events only; 404 for news and unknown slugs). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const item = await getNewsBySlug(context.database.db, params.slug ?? "");
  const url = new URL(request.url);
  const locale = getLocale(request);
  const calendar = item
    ? eventCalendar(item, `${url.origin}/aktuellt/${item.slug}`, {
        online: translate(locale, "news.online"),
        calendarName: translate(locale, "site.name"),
      })
    : null;
  if (!item || !calendar) throw notFound(request, "errors.newsNotFound");
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${item.slug}.ics"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
