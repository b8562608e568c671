import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiIdeas } from "../domain/api/public.server";
import { pagedResponse } from "../domain/api/respond";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  pagedResponse(request, (page, params) => apiIdeas(context.database.db, page, { challenge: params.get("challenge") }));
