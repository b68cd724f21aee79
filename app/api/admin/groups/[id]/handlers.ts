import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { deleteGroup, getGroup, renameGroup } from "@/lib/groups/groups";
import { groupBody } from "@/lib/schemas/groups";

const params = z.object({ id: z.string().min(1) });

export const GET = route({ auth: "admin", params }, async ({ actor, params }) =>
  json(await getGroup(actor, params.id)),
);

export const PATCH = route({ auth: "admin", params, body: groupBody }, async ({ actor, params, body }) =>
  json(await renameGroup(actor, params.id, body.name)),
);

export const DELETE = route({ auth: "admin", params }, async ({ actor, params }) => {
  await deleteGroup(actor, params.id);
  return noContent();
});
