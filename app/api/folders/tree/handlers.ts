import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { folderTree } from "@/lib/files/folders";

export const GET = route({ auth: "user" }, async ({ actor }) => json(await folderTree(actor)));
