import { parsePage, type Page } from "./pagination";

/** JSON for the open API: readable from any origin, cached briefly. */
export function apiJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": status === 200 ? "public, max-age=60" : "no-store",
    },
  });
}

/** Runs a paged query, or answers 400 with the reason when limit or cursor is wrong. */
export async function pagedResponse<T>(
  request: Request,
  query: (page: Page, params: URLSearchParams) => Promise<{ items: T[]; nextCursor: string | null } | null>,
): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parsePage(params);
  if (!parsed.ok) return apiJson({ error: parsed.message }, 400);
  const result = await query(parsed.page, params);
  if (!result) return apiJson({ error: "Not found." }, 404);
  return apiJson({ data: result.items, nextCursor: result.nextCursor });
}
