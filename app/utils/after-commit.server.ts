import type { AppLoadContext } from "@remix-run/node";
import type { LiveEvent } from "../realtime/events";
import { deliverOwedEmails } from "./mail.server";

/**
 * Sends owed notification emails in the background. Called after every committed write of the
 * lab routes and from the root loader, so mail owed by any route's write goes out with the next
 * request (after an action Remix reloads the root data at once). A failed mail stays owed.
 */
export function sendOwedEmails(context: AppLoadContext, request: Request): void {
  const origin = new URL(request.url).origin;
  deliverOwedEmails(context.database.db, origin).catch((error: Error) => {
    console.warn(`[mail] delivery failed: ${error.message}`);
  });
}

/** What a route does after its transaction committed: broadcast the live events, then send owed mail. */
export function afterCommit(context: AppLoadContext, request: Request, events: LiveEvent[]): void {
  context.live.publish(events);
  sendOwedEmails(context, request);
}
