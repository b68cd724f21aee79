import { errorEntry, json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createUploadBatch } from "@/lib/uploads";
import { createUploadBatchInput, type CreateUploadBatchResponse } from "@/lib/schemas/uploads";

// 200 even when some files were refused: each entry carries its own outcome.
export const POST = route({ auth: "user", body: createUploadBatchInput }, async ({ actor, body }) => {
  const results = await createUploadBatch(actor, body.files);
  const uploads = results.map((r) => (r.ok ? r.target : errorEntry(r.error)));
  return json({ uploads } satisfies Record<keyof CreateUploadBatchResponse, unknown>);
});
