import { route } from "@/lib/http/route";
import { createVisitorUpload } from "@/lib/requests/visit";
import { visitorUploadInput } from "@/lib/schemas/requests";
import { tokenParams, requestVisit, visitorJson } from "../visitor";

/** {name, size, type, password?} -> 201 what POST /api/uploads answers (signed PUT or multipart plan). */
export const POST = route(
  { auth: "none", params: tokenParams, body: visitorUploadInput },
  async ({ request, params, body }) => {
    const { password, ...input } = body;
    const { created, unlock } = await createVisitorUpload(requestVisit(request, params.token, password), input);
    return visitorJson(created, params.token, unlock, 201);
  },
);
