import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "../ui/i18n";
import { localeCookie } from "../ui/i18n/locale.server";
import { safeRedirect } from "../http/redirect";
import { getUser } from "../auth/session.server";
import { setLocale } from "../domain/accounts/accounts.server";
import { badRequest } from "../http/responses.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) throw badRequest(request, "errors.unknownLanguage");
  const user = await getUser(request, context);
  if (user) await setLocale(context.database.db, user.id, locale);
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": localeCookie(locale, context.secureCookies) },
  });
}
