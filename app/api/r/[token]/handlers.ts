import { route } from "@/lib/http/route";
import { describeRequest } from "@/lib/requests/visit";
import { tokenParams, requestVisit, visitorJson } from "./visitor";

/** What the visitor page shows: the owner's message and the limits (never the folder). */
export const GET = route({ auth: "none", params: tokenParams }, async ({ request, params }) =>
  visitorJson({ request: await describeRequest(requestVisit(request, params.token)) }, params.token),
);
