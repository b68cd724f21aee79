import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { updateUser, updateUserInput } from "@/lib/admin/users";

export const dynamic = "force-dynamic";

export const PATCH = route(
  { auth: "admin", params: z.object({ id: z.string() }), body: updateUserInput },
  async ({ caller, params, body }) => json(await updateUser(caller.id, params.id, body)),
);
