import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { updateUser, updateUserInput } from "@/lib/admin/users";
import { userDetail } from "@/lib/admin/insights";

const params = z.object({ id: z.string().min(1) });

export const GET = route({ auth: "admin", params }, async ({ caller, params }) =>
  json(await userDetail(caller.id, params.id)),
);

export const PATCH = route({ auth: "admin", params, body: updateUserInput }, async ({ actor, params, body }) =>
  json(await updateUser(actor, params.id, body)),
);
