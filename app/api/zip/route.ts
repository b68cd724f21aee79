import { attachment } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { invalid } from "@/lib/errors";
import { userActor } from "@/lib/files/access";
import { zipEntries, zipStream } from "@/lib/files/zip";
import { selectionInput } from "@/lib/schemas/files";

export const dynamic = "force-dynamic";

/**
 * The selection comes as JSON, or as an HTML form (fields fileIds and folderIds, repeated) so a
 * browser can submit it and download the zip natively, with its own progress and no memory cost.
 */
async function readSelection(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const form = await request.formData();
    const ids = (field: string) => form.getAll(field).flatMap((v) => (typeof v === "string" ? v.split(",") : [])).filter(Boolean);
    return { fileIds: ids("fileIds"), folderIds: ids("folderIds") };
  }
  const text = await request.text();
  try {
    return JSON.parse(text || "{}");
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
}

export const POST = route({ auth: "user" }, async ({ caller, request }) => {
  const selection = selectionInput.parse(await readSelection(request));
  const plan = await zipEntries(userActor(caller.id), selection);
  const { stream, length } = zipStream(plan.entries);
  return attachment(stream, { filename: plan.filename, type: "application/zip", length });
});
