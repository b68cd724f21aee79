import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { bulk } from "@/lib/files/bulk";
import { bulkInput } from "@/lib/schemas/files";

/** {action: "move"|"trash"|"restore"|"delete", fileIds, folderIds, folderId?} -> {done}; all or nothing. */
export const POST = route({ auth: "user", body: bulkInput }, async ({ actor, body }) => json(await bulk(actor, body)));
