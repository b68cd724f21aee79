import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { restoreVersion } from "@/lib/versions/versions";

export const POST = route(
  { auth: "user", params: z.object({ id: z.string(), versionId: z.string() }) },
  async ({ actor, params }) => json(await restoreVersion(actor, params.id, params.versionId)),
);
