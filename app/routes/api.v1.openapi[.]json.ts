import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "../domain/api/openapi";
import { apiJson } from "../domain/api/respond";

export const loader = ({ request }: LoaderFunctionArgs) => apiJson(openApiDocument(new URL(request.url).origin));
