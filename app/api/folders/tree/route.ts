import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { folderTree } from "@/lib/files/folders";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user" }, async ({ caller }) => json(await folderTree(userActor(caller.id))));
