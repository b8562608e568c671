import type { HeadersFunction } from "@remix-run/node";
import { getLocale } from "../ui/i18n/locale.server";
import { translate } from "../ui/i18n";
import type { Limited } from "../auth/rate-limit.server";
import { parseRowId } from "../../db/constants";

/** Route helpers shared by the idea and comment routes: ids from the URL, 404s and 429s in the reader's language. */
export const parseId = parseRowId;

export function notFound(
  request: Request,
  key: "forum.ideaNotFound" | "forum.commentNotFound" | "forum.challengeNotFound",
): Response {
  return new Response(translate(getLocale(request), key), { status: 404, statusText: "Not Found" });
}

export function rateLimitMessage(limited: Limited): string {
  return `forum.rateLimited?minutes=${Math.max(1, Math.ceil(limited.retryAfterSeconds / 60))}`;
}

export function rateLimitHeaders(limited: Limited): HeadersInit {
  return { "Retry-After": String(limited.retryAfterSeconds) };
}

export function badRequest(request: Request, key: string): Response {
  return new Response(translate(getLocale(request), key), { status: 400, statusText: "Bad Request" });
}

export function conflict(request: Request, key: string, status = 409): Response {
  return new Response(translate(getLocale(request), key), { status });
}

/**
 * A document response carries only the headers a route passes on: this keeps Retry-After from an
 * action's 429 (returned or thrown).
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
