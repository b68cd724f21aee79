import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { getFile } from "@/lib/files/get";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", params: z.object({ id: z.string() }) }, async ({ caller, params }) =>
  json(await getFile(caller.id, params.id)),
);
