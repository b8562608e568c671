import type { LoaderFunctionArgs } from "@remix-run/node";
import { challengeIdeasFeed } from "../domain/site/feeds.server";
import { atomResponse } from "../domain/site/atom-response";
import { translate } from "../ui/i18n";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const xml = await challengeIdeasFeed(context.database.db, origin, params.slug ?? "", (title) =>
    translate("sv", "news.ideasFeedTitle", { title }),
  );
  if (xml === null) throw new Response("Utmaningen finns inte.", { status: 404 });
  return atomResponse(xml);
}
