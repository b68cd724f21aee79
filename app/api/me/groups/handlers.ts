import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { myGroups } from "@/lib/groups/groups";

export const GET = route({ auth: "user" }, async ({ actor }) => json(await myGroups(actor)));
