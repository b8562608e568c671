/** Orders of the lab queue (shared with the browser, so not in a .server module). */
export const queueSorts = ["newest", "supports"] as const;
export type QueueSort = (typeof queueSorts)[number];

export function isQueueSort(value: unknown): value is QueueSort {
  return typeof value === "string" && (queueSorts as readonly string[]).includes(value);
}
