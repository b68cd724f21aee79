import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { admitUploader } from "@/lib/requests/visit";
import { abortUpload } from "@/lib/uploads/abort";
import { uploadParams, requestVisit } from "../../visitor";

/** The visitor cancels one of the uploads it started. */
export const DELETE = route({ auth: "none", params: uploadParams }, async ({ request, params }) => {
  const { actor } = await admitUploader(requestVisit(request, params.token));
  await abortUpload(actor, params.id);
  return noContent();
});
