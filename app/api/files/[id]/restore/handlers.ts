import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { restoreFile } from "@/lib/files/trash";

export const POST = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) =>
  json(await restoreFile(actor, params.id)),
);
