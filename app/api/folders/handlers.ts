import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createFolder } from "@/lib/files/folders";
import { createFolderInput } from "@/lib/schemas/files";

export const POST = route({ auth: "user", body: createFolderInput }, async ({ actor, body }) =>
  json(await createFolder(actor, body), { status: 201 }),
);
