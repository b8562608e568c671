import type { LiveEvent } from "../realtime/events";

/**
 * What a domain function that can refuse returns: its data, or one named problem that
 * app/http/problems.ts turns into a status and a message. `Extra` is what a problem carries along
 * (e.g. which idea of a merge was the problem).
 */
export type Result<Problem extends string, Data extends object = object, Extra extends object = object> =
  ({ ok: true } & Data) | ({ ok: false; problem: Problem } & Extra);

/** A write's result: on success also the live events to publish once the transaction has committed (app/http/commit.server.ts). */
export type WriteResult<Problem extends string, Data extends object = object, Extra extends object = object> = Result<
  Problem,
  Data & { events: LiveEvent[] },
  Extra
>;
