import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiChallenges } from "../domain/api/public.server";
import { pagedResponse } from "../domain/api/respond";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  pagedResponse(request, (page, params) => apiChallenges(context.database.db, page, { focusArea: params.get("focusArea") }));
