import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { signParts, signPartsInput } from "@/lib/uploads";

export const POST = route(
  { auth: "user", params: z.object({ id: z.string() }), body: signPartsInput },
  async ({ actor, params, body }) => json(await signParts(actor, params.id, body.partNumbers)),
);
