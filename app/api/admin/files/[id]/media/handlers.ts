import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { reprocessFile } from "@/lib/media/files";

const params = z.object({ id: z.string() });

/** Queues the file's thumbnail and preview again (any account's file). */
export const POST = route({ auth: "admin", params }, async ({ actor, params }) =>
  json(await reprocessFile(actor, params.id), { status: 202 }),
);
