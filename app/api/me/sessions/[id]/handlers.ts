import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { endOwnSession } from "@/lib/auth/sessions";

// Ends one session of the caller's (the current one too: that signs this browser out).
export const DELETE = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await endOwnSession(actor, params.id);
  return noContent();
});
