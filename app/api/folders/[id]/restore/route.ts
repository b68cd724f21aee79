import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { restoreFolder } from "@/lib/files/trash";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ caller, params }) =>
  json(await restoreFolder(userActor(caller.id), params.id)),
);
