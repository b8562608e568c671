import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth/session.server";
import { exportUserData } from "../domain/accounts/privacy.server";
import { notFound } from "../http/responses.server";

/** "Ladda ner mina uppgifter": everything stored about the signed-in user, as a JSON download. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "account.update");
  const exported = await exportUserData(context.database.db, user.id);
  if (!exported) throw notFound(request, "errors.accountNotFound");
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mina-uppgifter.json"',
      "Cache-Control": "no-store",
    },
  });
}
