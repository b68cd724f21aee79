import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { updateShareBody } from "@/lib/schemas/shares";
import { revokeShare, updateShare } from "@/lib/shares/manage";

const params = z.object({ id: z.string() });

export const PATCH = route({ auth: "user", params, body: updateShareBody }, async ({ actor, params, body }) =>
  json(await updateShare(actor, params.id, body)),
);

export const DELETE = route({ auth: "user", params }, async ({ actor, params }) => {
  await revokeShare(actor, params.id);
  return noContent();
});
