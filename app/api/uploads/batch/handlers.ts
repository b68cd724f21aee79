import { errorEntry, json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createUploadBatch, signUploadGroups } from "@/lib/uploads";
import { createUploadBatchInput, type CreateUploadBatchResponse } from "@/lib/schemas/uploads";

// 200 even when some files were refused: each entry carries its own outcome. On the local
// driver, `groups` lets the client send many small files' bytes in one PUT each.
export const POST = route({ auth: "user", body: createUploadBatchInput }, async ({ actor, body }) => {
  const results = await createUploadBatch(actor, body.files);
  const uploads = results.map((r) => (r.ok ? r.target : errorEntry(r.error)));
  const groups = await signUploadGroups(results);
  return json({ uploads, ...(groups.length > 0 && { groups }) } satisfies Partial<
    Record<keyof CreateUploadBatchResponse, unknown>
  >);
});
