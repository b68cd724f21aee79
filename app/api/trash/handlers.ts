import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { emptyTrash, listTrash } from "@/lib/files/trash";
import { trashQuery } from "@/lib/schemas/files";

export const GET = route({ auth: "user", query: trashQuery }, async ({ actor, query }) =>
  json(await listTrash(actor, query)),
);

export const DELETE = route({ auth: "user" }, async ({ actor }) => {
  await emptyTrash(actor);
  return noContent();
});
