import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { ensureFolder } from "@/lib/files/folders";
import { ensureFolderInput } from "@/lib/schemas/files";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "user", body: ensureFolderInput }, async ({ caller, body }) =>
  json(await ensureFolder(userActor(caller.id), body)),
);
