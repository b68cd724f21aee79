import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { revokeRequest } from "@/lib/requests/manage";

export const DELETE = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await revokeRequest(actor, params.id);
  return noContent();
});
