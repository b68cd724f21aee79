import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createGroup, listGroups } from "@/lib/groups/groups";
import { groupBody } from "@/lib/schemas/groups";

export const GET = route({ auth: "admin" }, async ({ actor }) => json(await listGroups(actor)));

export const POST = route({ auth: "admin", body: groupBody }, async ({ actor, body }) =>
  json(await createGroup(actor, body.name), { status: 201 }),
);
