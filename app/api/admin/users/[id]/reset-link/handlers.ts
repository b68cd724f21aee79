import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { issueResetLink } from "@/lib/admin/users";

export const POST = route({ auth: "admin", params: z.object({ id: z.string().min(1) }) }, async ({ actor, params }) =>
  json(await issueResetLink(actor, params.id)),
);
