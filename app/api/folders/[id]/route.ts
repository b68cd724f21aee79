import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { getFolder, updateFolder } from "@/lib/files/folders";
import { deleteFolderForever, trashFolder } from "@/lib/files/trash";
import { deleteQuery, updateFolderInput } from "@/lib/schemas/files";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string() });

export const GET = route({ auth: "user", params }, async ({ caller, params }) =>
  json(await getFolder(userActor(caller.id), params.id)),
);

export const PATCH = route({ auth: "user", params, body: updateFolderInput }, async ({ caller, params, body }) =>
  json(await updateFolder(userActor(caller.id), params.id, body)),
);

/** The folder and everything in it to the trash; `?permanent=1` deletes them for good. */
export const DELETE = route({ auth: "user", params, query: deleteQuery }, async ({ caller, params, query }) => {
  const actor = userActor(caller.id);
  await (query.permanent ? deleteFolderForever(actor, params.id) : trashFolder(actor, params.id));
  return noContent();
});
