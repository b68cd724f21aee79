import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { storageOverview } from "@/lib/admin/insights";

export const GET = route({ auth: "admin" }, async ({ caller }) => json(await storageOverview(caller.id)));
