import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiProjectUpdates } from "../domain/api/public.server";
import { pagedResponse } from "../domain/api/respond";

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  pagedResponse(request, (page) => apiProjectUpdates(context.database.db, params.slug ?? "", page));
