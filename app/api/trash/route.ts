import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { emptyTrash, listTrash } from "@/lib/files/trash";
import { trashQuery } from "@/lib/schemas/files";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", query: trashQuery }, async ({ caller, query }) =>
  json(await listTrash(userActor(caller.id), query)),
);

export const DELETE = route({ auth: "user" }, async ({ caller }) => {
  await emptyTrash(userActor(caller.id));
  return noContent();
});
