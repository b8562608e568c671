import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiFocusAreas } from "../domain/api/public.server";
import { pagedResponse } from "../domain/api/respond";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  pagedResponse(request, (page) => apiFocusAreas(context.database.db, page));
