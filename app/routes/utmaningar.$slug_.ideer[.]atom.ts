import type { LoaderFunctionArgs } from "@remix-run/node";
import { challengeIdeasFeed } from "../domain/site/feeds.server";
import { atomResponse } from "../domain/site/atom-response";
import { translate } from "../ui/i18n";
import { notFound } from "../http/responses.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const xml = await challengeIdeasFeed(context.database.db, origin, params.slug ?? "", (title) =>
    translate("sv", "news.ideasFeedTitle", { title }),
  );
  if (xml === null) throw notFound(request, "forum.challengeNotFound");
  return atomResponse(xml);
}
