import { apiJson } from "../domain/api/respond";

/** Unknown API paths answer in JSON, not with the site's HTML 404 page. */
export const loader = () => apiJson({ error: "No such endpoint. See /api/v1/openapi.json." }, 404);
