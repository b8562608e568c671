import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endAllSessions, endSession, getUser } from "../auth/session.server";

export async function loader() {
  return redirect("/konto");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "everywhere") {
    const user = await getUser(request, context);
    const cookie = await endSession(request, context);
    if (user) await endAllSessions(context, user.id);
    return redirect("/logga-in?overallt=1", { headers: { "Set-Cookie": cookie } });
  }
  const cookie = await endSession(request, context);
  return redirect("/logga-in?utloggad=1", { headers: { "Set-Cookie": cookie } });
}
