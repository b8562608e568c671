import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiProjects } from "../domain/api/public.server";
import { pagedResponse } from "../domain/api/respond";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  pagedResponse(request, (page) => apiProjects(context.database.db, page));
