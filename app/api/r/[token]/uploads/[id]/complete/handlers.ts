import { route } from "@/lib/http/route";
import { admitUploader } from "@/lib/requests/visit";
import { completeInput, completeUpload } from "@/lib/uploads/complete";
import { uploadParams, requestVisit, visitorJson } from "../../../visitor";

/**
 * {parts?} -> {file: {name, size}}: as POST /api/uploads/{id}/complete. The visitor learns only the
 * name its file got (" (1)" on a clash) and its size: nothing else of the folder.
 */
export const POST = route(
  { auth: "none", params: uploadParams, body: completeInput },
  async ({ request, params, body }) => {
    const { actor } = await admitUploader(requestVisit(request, params.token));
    const { file } = await completeUpload(actor, params.id, body.parts);
    return visitorJson({ file: { name: file.name, size: file.size } }, params.token);
  },
);
