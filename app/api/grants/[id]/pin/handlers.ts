import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { setPinned } from "@/lib/grants/shared";

const params = z.object({ id: z.string().min(1) });

export const PUT = route({ auth: "user", params }, async ({ actor, params }) => {
  await setPinned(actor, params.id, true);
  return noContent();
});

export const DELETE = route({ auth: "user", params }, async ({ actor, params }) => {
  await setPinned(actor, params.id, false);
  return noContent();
});
