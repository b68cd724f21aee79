import { route } from "@/lib/http/route";
import { admitUploader } from "@/lib/requests/visit";
import { signParts, signPartsInput } from "@/lib/uploads/parts";
import { uploadParams, requestVisit, visitorJson } from "../../../visitor";

/** {partNumbers} -> {parts}: as POST /api/uploads/{id}/parts, for an upload this link's visitor started. */
export const POST = route(
  { auth: "none", params: uploadParams, body: signPartsInput },
  async ({ request, params, body }) => {
    const { actor } = await admitUploader(requestVisit(request, params.token));
    return visitorJson({ parts: (await signParts(actor, params.id, body.partNumbers)).parts }, params.token);
  },
);
