import type { AppLoadContext } from "@remix-run/node";
import type { LiveEvent } from "../realtime/events";

/**
 * What a route does after its transaction committed: broadcast the live events, and tell the mail
 * worker to look at the outbox now (mail queued in the transaction goes out without waiting for
 * its next poll). Mail is never sent from a request.
 */
export function afterCommit(context: AppLoadContext, _request: Request, events: LiveEvent[]): void {
  context.live.publish(events);
  context.mail.nudge();
}
