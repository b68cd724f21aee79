import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { completeInput, completeUpload } from "@/lib/uploads";

export const POST = route(
  { auth: "user", params: z.object({ id: z.string() }), body: completeInput },
  async ({ actor, params, body }) => json(await completeUpload(actor, params.id, body.parts)),
);
