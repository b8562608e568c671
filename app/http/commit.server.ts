import type { AppLoadContext } from "@remix-run/node";
import type { LiveEvent } from "../realtime/events";

/**
 * The one step every write takes after its transaction committed: broadcast the live events, and
 * tell the mail worker to look at the outbox now (mail queued in the transaction goes out without
 * waiting for its next poll; the worker runs one round at a time, so a burst of writes costs one
 * look, not one each). Mail is never sent from a request. Routes call nothing else after a write:
 * the lint rules refuse `context.live.publish` and `context.mail.nudge` anywhere but here.
 */
export function commit(context: AppLoadContext, events: readonly LiveEvent[] = []): void {
  // eslint-disable-next-line no-restricted-syntax -- the one place that publishes
  if (events.length > 0) context.live.publish([...events]);
  // eslint-disable-next-line no-restricted-syntax -- the one place that nudges the mail worker
  context.mail.nudge();
}
