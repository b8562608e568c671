import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/session.server";
import { ideaLimits } from "../domain/ideas/schemas";
import { renderMarkdown } from "../domain/content/markdown.server";

/** Live preview for the idea and comment forms: the same renderer as the published text. */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context);
  const body = (await request.formData()).get("body");
  const text = typeof body === "string" ? body.slice(0, ideaLimits.bodyMax) : "";
  // A Response, not a plain object: the route is also posted to directly (no JavaScript, tests).
  return Response.json({ html: text.trim() ? renderMarkdown(text) : "" });
}
