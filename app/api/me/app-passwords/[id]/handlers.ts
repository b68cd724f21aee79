import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { revokeAppPassword } from "@/lib/auth/app-passwords";

export const DELETE = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await revokeAppPassword(actor, params.id);
  return noContent();
});
