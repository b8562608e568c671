import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth/session.server";
import { subscribersCsv } from "../domain/newsletter/newsletter.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "site.private");
  return new Response(await subscribersCsv(context.database.db), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="nyhetsbrev-prenumeranter.csv"',
      "Cache-Control": "no-store",
    },
  });
}
