import type { AppLoadContext } from "@remix-run/node";
import { isDatabaseUnavailable } from "../../db/errors";

/** Requests during which a query failed because the database could not be reached. */
const unavailable = new WeakSet<object>();

export function noteError(error: unknown, context: AppLoadContext | undefined): boolean {
  if (!context || !isDatabaseUnavailable(error)) return false;
  unavailable.add(context);
  return true;
}

export function wasUnavailable(context: AppLoadContext): boolean {
  return unavailable.has(context);
}

export const unavailableTitle = "Tjänsten är tillfälligt otillgänglig";
const unavailableText =
  "Samhällsforum når inte sin databas just nu. Ingenting du redan har sparat har gått förlorat. Vänta en stund och ladda om sidan.";

/** A page that needs neither the database nor React: it must render while everything else fails. */
export function unavailableResponse(asHtml: boolean): Response {
  const headers = { "Retry-After": "5", "Cache-Control": "no-store" };
  if (!asHtml) {
    return new Response(`${unavailableTitle}. ${unavailableText}`, {
      status: 503,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const html = `<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${unavailableTitle} – Samhällsforum</title></head>
<body><main><h1>${unavailableTitle}</h1><p>${unavailableText}</p><p><a href="">Försök igen</a></p></main></body>
</html>`;
  return new Response(html, { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
