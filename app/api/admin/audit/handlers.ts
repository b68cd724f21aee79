import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { auditPage } from "@/lib/admin/audit";
import { auditQuery } from "@/lib/schemas/admin";

export const GET = route({ auth: "admin", query: auditQuery }, async ({ query }) => json(await auditPage(query)));
