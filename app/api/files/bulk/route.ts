import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { bulk } from "@/lib/files/bulk";
import { bulkInput } from "@/lib/schemas/files";

export const dynamic = "force-dynamic";

/** {action: "move"|"trash"|"restore"|"delete", fileIds, folderIds, folderId?} -> {done}; all or nothing. */
export const POST = route({ auth: "user", body: bulkInput }, async ({ caller, body }) =>
  json(await bulk(userActor(caller.id), body)),
);
