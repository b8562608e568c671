import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../auth/session.server";
import { followTargetExists, setFollow } from "../domain/notifications/notifications.server";
import { followTargets, type FollowTarget } from "../../db/constants";
import { safeRedirect } from "../http/redirect";
import { badRequest, notFound, parseId } from "../http/responses.server";

/** Follow or stop following an idea, challenge or project (a form on each of their pages). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "follow");
  const form = await request.formData();
  const targetType = form.get("targetType");
  const targetId = parseId(String(form.get("targetId") ?? ""));
  if (!(followTargets as readonly unknown[]).includes(targetType)) throw badRequest(request, "errors.followTargetUnknown");
  const type = targetType as FollowTarget;
  if (targetId === null || !(await followTargetExists(context.database.db, type, targetId)))
    throw notFound(request, "errors.followTargetGone");
  await setFollow(context.database.db, user.id, type, targetId, form.get("on") === "1");
  return redirect(safeRedirect(form.get("redirectTo")));
}

export function loader() {
  return redirect("/");
}
