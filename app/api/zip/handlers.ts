import { attachment } from "@/lib/http/respond";
import { readBody, readJson, route, MAX_JSON_BYTES } from "@/lib/http/route";
import { zipEntries, zipStream } from "@/lib/files/zip";
import { selectionInput } from "@/lib/schemas/files";

/**
 * The selection comes as JSON, or as an HTML form (application/x-www-form-urlencoded, fields
 * fileIds and folderIds, repeated) so a browser can submit it and download the zip natively,
 * with its own progress and no memory cost in the page.
 */
async function readSelection(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded"))
    return readJson(request);
  const form = new URLSearchParams(await readBody(request, MAX_JSON_BYTES));
  const ids = (field: string) =>
    form
      .getAll(field)
      .flatMap((v) => v.split(","))
      .filter(Boolean);
  return { fileIds: ids("fileIds"), folderIds: ids("folderIds") };
}

export const POST = route({ auth: "user" }, async ({ actor, request }) => {
  const selection = selectionInput.parse(await readSelection(request));
  const plan = await zipEntries(actor, selection);
  const { stream, length } = zipStream(plan.entries);
  return attachment(stream, { filename: plan.filename, type: "application/zip", length });
});
