import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { getFolder, updateFolder } from "@/lib/files/folders";
import { deleteFolderForever, trashFolder } from "@/lib/files/trash";
import { deleteQuery, updateFolderInput } from "@/lib/schemas/files";

const params = z.object({ id: z.string() });

export const GET = route({ auth: "user", params }, async ({ actor, params }) =>
  json(await getFolder(actor, params.id)),
);

export const PATCH = route({ auth: "user", params, body: updateFolderInput }, async ({ actor, params, body }) =>
  json(await updateFolder(actor, params.id, body)),
);

/** The folder and everything in it to the trash; `?permanent=1` deletes them for good. */
export const DELETE = route({ auth: "user", params, query: deleteQuery }, async ({ actor, params, query }) => {
  await (query.permanent ? deleteFolderForever(actor, params.id) : trashFolder(actor, params.id));
  return noContent();
});
