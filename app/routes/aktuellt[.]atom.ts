import type { LoaderFunctionArgs } from "@remix-run/node";
import { newsFeed } from "../domain/site/feeds.server";
import { atomResponse } from "../domain/site/atom-response";
import { translate } from "../ui/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  return atomResponse(await newsFeed(context.database.db, origin, translate("sv", "news.feedTitle")));
}
