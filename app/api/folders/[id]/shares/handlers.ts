import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createShareBody } from "@/lib/schemas/shares";
import { createShare } from "@/lib/shares/manage";

export const POST = route(
  { auth: "user", params: z.object({ id: z.string() }), body: createShareBody },
  async ({ actor, params, body }) =>
    json(await createShare(actor, { type: "folder", id: params.id }, body), { status: 201 }),
);
