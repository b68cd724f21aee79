import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { removePasskey, renamePasskey } from "@/lib/auth/passkeys";
import { renamePasskeyInput } from "@/lib/schemas/passkeys";

const params = z.object({ id: z.string().min(1) });

export const PATCH = route({ auth: "user", params, body: renamePasskeyInput }, async ({ actor, params, body }) =>
  json(await renamePasskey(actor, params.id, body.name)),
);

export const DELETE = route({ auth: "user", params }, async ({ actor, params }) => {
  await removePasskey(actor, params.id);
  return noContent();
});
