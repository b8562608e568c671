import { maxInt4 } from "../../../db/constants";
/**
 * Cursor pagination for the open API. A cursor is opaque to clients (base64url of a version
 * tag and the last id seen); lists are ordered by id so a page never repeats or skips a row
 * when new rows arrive.
 */
export const defaultLimit = 20;
export const maxLimit = 100;

export interface Page {
  limit: number;
  afterId: number;
}

export type PageRequest = { ok: true; page: Page } | { ok: false; message: string };

export function encodeCursor(id: number): string {
  return Buffer.from(`v1:${id}`).toString("base64url");
}

function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return null;
  const match = /^v1:(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) return null;
  const id = Number(match[1]);
  return id <= maxInt4 ? id : null;
}

export function parsePage(params: URLSearchParams): PageRequest {
  const rawLimit = params.get("limit");
  let limit = defaultLimit;
  if (rawLimit !== null) {
    if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > maxLimit) {
      return { ok: false, message: `limit must be a whole number from 1 to ${maxLimit}.` };
    }
    limit = Number(rawLimit);
  }
  const cursor = params.get("cursor");
  if (cursor === null || cursor === "") return { ok: true, page: { limit, afterId: 0 } };
  const afterId = decodeCursor(cursor);
  if (afterId === null) return { ok: false, message: "cursor is not valid: use the nextCursor of an earlier response." };
  return { ok: true, page: { limit, afterId } };
}

/** Takes one row more than asked to know whether another page follows. */
export function toPage<T extends { id: number }>(rows: T[], page: Page) {
  const items = rows.slice(0, page.limit);
  const nextCursor = rows.length > page.limit ? encodeCursor(items[items.length - 1].id) : null;
  return { items, nextCursor };
}
