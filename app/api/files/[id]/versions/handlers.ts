import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { listVersions } from "@/lib/versions/versions";

export const GET = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ actor, params }) =>
  json(await listVersions(actor, params.id)),
);
