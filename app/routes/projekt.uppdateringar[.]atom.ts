import type { LoaderFunctionArgs } from "@remix-run/node";
import { projectUpdatesFeed } from "../domain/site/feeds.server";
import { atomResponse } from "../domain/site/atom-response";
import { translate } from "../ui/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const xml = await projectUpdatesFeed(context.database.db, origin, translate("sv", "news.projectsFeedTitle"), (u) =>
    u.kind === "status" && u.toStatus
      ? translate("sv", "news.projectStatusEntry", {
          project: u.projectTitle,
          status: translate("sv", `projects.status.${u.toStatus}`),
        })
      : translate("sv", "news.projectUpdateEntry", { project: u.projectTitle }),
  );
  return atomResponse(xml);
}
