/**
 * Concurrent writes: every writer, signed in through its own session cookie, posts comments and
 * toggles its support on a set of ideas as fast as the server answers, for a fixed time.
 */
import { percentile } from "./load";

export interface WriteResult {
  writers: number;
  seconds: number;
  operations: number;
  comments: number;
  supports: number;
  clientErrors: number;
  serverErrors: number;
  networkErrors: number;
  /** Responses by HTTP status. */
  statuses: Record<string, number>;
  p50: number;
  p99: number;
}

/** Writes for `seconds`, or until `stop` is aborted; `bases` are used in turn by the writers. */
export async function runWrites(
  base: string | string[],
  sessions: string[],
  ideaIds: number[],
  seconds: number,
  stop?: AbortSignal,
): Promise<WriteResult> {
  const deadline = performance.now() + seconds * 1000;
  const bases = typeof base === "string" ? [base] : base;
  const latencies: number[] = [];
  const result = { comments: 0, supports: 0, clientErrors: 0, serverErrors: 0, networkErrors: 0 };
  const statuses: Record<string, number> = {};
  let sequence = 0;

  async function post(index: number, ideaId: number, form: Record<string, string>) {
    const started = performance.now();
    const base = bases[index % bases.length];
    try {
      const response = await fetch(`${base}/ideer/${ideaId}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: `sf_session=${sessions[index]}`,
          origin: base,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status >= 500) result.serverErrors++;
      else if (response.status >= 400) result.clientErrors++;
      return response.status === 302 || response.status === 303;
    } catch {
      result.networkErrors++;
      return false;
    }
  }

  async function writer(index: number) {
    const supported = new Set<number>();
    while (performance.now() < deadline && !stop?.aborted) {
      const ideaId = ideaIds[Math.floor(Math.random() * ideaIds.length)];
      if (Math.random() < 0.5) {
        const body = `Kommentar ${++sequence} från skribent ${index}: vi borde prova läxhjälp på biblioteket efter skolan.`;
        if (await post(index, ideaId, { intent: "comment", formId: "comment-new", body })) result.comments++;
      } else {
        const on = !supported.has(ideaId);
        if (await post(index, ideaId, { intent: "support", value: on ? "on" : "off" })) {
          result.supports++;
          if (on) supported.add(ideaId);
          else supported.delete(ideaId);
        }
      }
    }
  }

  const started = performance.now();
  await Promise.all(sessions.map((_, i) => writer(i)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    writers: sessions.length,
    seconds: elapsed,
    operations: latencies.length,
    ...result,
    statuses,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
