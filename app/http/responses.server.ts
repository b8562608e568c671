import type { HeadersFunction } from "@remix-run/node";
import { getLocale } from "../ui/i18n/locale.server";
import { translate } from "../ui/i18n";
import type { Limited } from "../auth/rate-limit.server";
import { parseRowId } from "../../db/constants";
import type svErrors from "../ui/i18n/sv/errors.json";

/** What routes answer with: ids from the URL, and 4xx responses and 429 headers in the reader's language. */
export const parseId = parseRowId;

/** A key of the errors namespace (app/ui/i18n/sv/errors.json and its English twin) or one of the forum's own not-found messages. */
export type ErrorKey =
  `errors.${keyof (typeof svErrors)["errors"]}` | "forum.ideaNotFound" | "forum.commentNotFound" | "forum.challengeNotFound";

const statusTexts: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
};

/** A plain-text answer with the message of `key` in the reader's language. */
export function translatedResponse(request: Request, key: string, status: number): Response {
  return new Response(translate(getLocale(request), key), {
    status,
    statusText: statusTexts[status] ?? "",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** 404 in the reader's language; throw it from a loader or action. */
export function notFound(request: Request, key: ErrorKey = "errors.pageNotFound"): Response {
  return translatedResponse(request, key, 404);
}

/** 403 in the reader's language. */
export function forbidden(request: Request, key: ErrorKey = "errors.forbidden"): Response {
  return translatedResponse(request, key, 403);
}

export function rateLimitMessage(limited: Limited): string {
  return `forum.rateLimited?minutes=${Math.max(1, Math.ceil(limited.retryAfterSeconds / 60))}`;
}

export function rateLimitHeaders(limited: Limited): HeadersInit {
  return { "Retry-After": String(limited.retryAfterSeconds) };
}

/** 400 in the reader's language: the key of any message (a form's own, or one of errors.*). */
export function badRequest(request: Request, key: string): Response {
  return translatedResponse(request, key, 400);
}

export function conflict(request: Request, key: string, status = 409): Response {
  return translatedResponse(request, key, status);
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
