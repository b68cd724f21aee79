import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { deleteGrant, updateGrant } from "@/lib/grants/manage";
import { updateGrantBody } from "@/lib/schemas/grants";

const params = z.object({ id: z.string().min(1) });

export const PATCH = route({ auth: "user", params, body: updateGrantBody }, async ({ actor, params, body }) =>
  json(await updateGrant(actor, params.id, body.role)),
);

export const DELETE = route({ auth: "user", params }, async ({ actor, params }) => {
  await deleteGrant(actor, params.id);
  return noContent();
});
