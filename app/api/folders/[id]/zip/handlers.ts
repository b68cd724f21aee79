import { z } from "zod";
import { attachment } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { zipEntries, zipStream } from "@/lib/files/zip";

/** The folder and everything in it as one streamed zip. */
export const GET = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  const plan = await zipEntries(actor, { fileIds: [], folderIds: [params.id] });
  const { stream, length } = zipStream(plan.entries);
  return attachment(stream, { filename: plan.filename, type: "application/zip", length });
});
