import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { revokeApiToken } from "@/lib/auth/tokens";

export const DELETE = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await revokeApiToken(actor, params.id);
  return noContent();
});
