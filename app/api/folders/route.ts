import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { createFolder } from "@/lib/files/folders";
import { createFolderInput } from "@/lib/schemas/files";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "user", body: createFolderInput }, async ({ caller, body }) =>
  json(await createFolder(userActor(caller.id), body), { status: 201 }),
);
