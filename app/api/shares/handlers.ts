import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { listShares } from "@/lib/shares/manage";

export const GET = route({ auth: "user" }, async ({ actor }) => json(await listShares(actor)));
