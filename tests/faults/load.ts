/** Helpers of the fault tests that write under load while the database goes away. */

/** The status of a response read to its end; 0 when the connection broke. */
export async function statusOf(pending: Promise<Response>): Promise<number> {
  try {
    const response = await pending;
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Polls until the check passes; returns how long that took (Infinity: not within the limit). */
export async function timeUntil(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if (await check().catch(() => false)) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Infinity;
}
