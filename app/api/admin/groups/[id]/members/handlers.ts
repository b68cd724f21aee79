import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { addMember } from "@/lib/groups/groups";
import { addMemberBody } from "@/lib/schemas/groups";

export const POST = route(
  { auth: "admin", params: z.object({ id: z.string().min(1) }), body: addMemberBody },
  async ({ actor, params, body }) => json(await addMember(actor, params.id, body.userId), { status: 201 }),
);
