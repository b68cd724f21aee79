import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { getFile } from "@/lib/files/get";
import { updateFile } from "@/lib/files/files";
import { deleteFileForever, trashFile } from "@/lib/files/trash";
import { deleteQuery, updateFileInput } from "@/lib/schemas/files";

const params = z.object({ id: z.string() });

export const GET = route({ auth: "user", params }, async ({ actor, params }) => json(await getFile(actor, params.id)));

export const PATCH = route({ auth: "user", params, body: updateFileInput }, async ({ actor, params, body }) =>
  json(await updateFile(actor, params.id, body)),
);

/** To the trash; `?permanent=1` deletes the bytes and frees the space for good. */
export const DELETE = route({ auth: "user", params, query: deleteQuery }, async ({ actor, params, query }) => {
  await (query.permanent ? deleteFileForever(actor, params.id) : trashFile(actor, params.id));
  return noContent();
});
