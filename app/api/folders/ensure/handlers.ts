import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { ensureFolder } from "@/lib/files/folders";
import { ensureFolderInput } from "@/lib/schemas/files";

export const POST = route({ auth: "user", body: ensureFolderInput }, async ({ actor, body }) =>
  json(await ensureFolder(actor, body)),
);
