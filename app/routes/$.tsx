import { notFound } from "../http/responses.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
export async function loader({ request }: LoaderFunctionArgs) {
  throw notFound(request, "errors.pageNotFound");
}

export default function NotFound() {
  return null;
}
