import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createGrant, listGrants } from "@/lib/grants/manage";
import { createGrantBody } from "@/lib/schemas/grants";

const params = z.object({ id: z.string().min(1) });

export const GET = route({ auth: "user", params }, async ({ actor, params }) =>
  json(await listGrants(actor, { type: "file", id: params.id })),
);

export const POST = route({ auth: "user", params, body: createGrantBody }, async ({ actor, params, body }) =>
  json(await createGrant(actor, { type: "file", id: params.id }, body), { status: 201 }),
);
