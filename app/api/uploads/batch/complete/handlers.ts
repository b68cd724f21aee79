import { errorEntry, json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { completeUploadBatch } from "@/lib/uploads";
import { completeUploadBatchInput } from "@/lib/schemas/uploads";

// 200 even when some uploads failed: each entry carries its own outcome.
export const POST = route({ auth: "user", body: completeUploadBatchInput }, async ({ actor, body }) => {
  const results = await completeUploadBatch(actor, body.uploadIds);
  return json({
    results: results.map((r, i) => {
      const uploadId = body.uploadIds[i]!;
      return r.ok ? { uploadId, file: r.file } : { uploadId, ...errorEntry(r.error) };
    }),
  });
});
