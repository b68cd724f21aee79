// Unknown API paths answer in the API's error shape, not with the HTML 404 page.
import { toErrorResponse } from "@/lib/http/respond";
import { DomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

function notFound(): Response {
  return toErrorResponse(new DomainError("not_found", "No such API endpoint."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
