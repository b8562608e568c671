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

/**
 * Thrown inside a transaction to roll back what it wrote and answer with a problem instead: for a
 * check made by a write's own WHERE late in the transaction (after other rows were written).
 * `refusing` turns it back into a result.
 */
export class Refusal<Problem extends string> extends Error {
  constructor(readonly problem: Problem) {
    super(`refused: ${problem}`);
  }
}

/** Runs a write (a transaction) and answers a Refusal thrown inside it as `{ ok: false, problem }`. */
export async function refusing<Problem extends string, T>(work: () => Promise<T>): Promise<T | { ok: false; problem: Problem }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem as Problem };
    throw error;
  }
}
