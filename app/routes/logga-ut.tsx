import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "../auth/session.server";

export async function loader() {
  return redirect("/konto");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = await endSession(request, context);
  return redirect("/logga-in?utloggad=1", { headers: { "Set-Cookie": cookie } });
}
