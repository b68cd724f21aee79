import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { markSeen } from "@/lib/requests/manage";

/** The owner saw the arrivals: `unseenCount` goes back to 0. */
export const POST = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) => {
  await markSeen(actor, params.id);
  return noContent();
});
