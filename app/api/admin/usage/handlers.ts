import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { usagePage } from "@/lib/admin/usage";
import { usageQuery } from "@/lib/schemas/admin";

export const GET = route({ auth: "admin", query: usageQuery }, async ({ query }) => json(await usagePage(query)));
