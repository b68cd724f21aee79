// Unknown API paths answer in the API's error shape, not with the HTML 404 page.
import { toErrorResponse } from "@/lib/http/respond";
import { ApiError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

function notFound(): Response {
  return toErrorResponse(new ApiError("not_found", "No such API endpoint."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
