import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createRequest } from "@/lib/requests/manage";
import { createRequestInput } from "@/lib/schemas/requests";

/** {expiresIn?, password?, maxFiles?, maxFileBytes?, message?} -> 201 {request}: an upload-only link to the folder. */
export const POST = route(
  { auth: "user", params: z.object({ id: z.string() }), body: createRequestInput },
  async ({ actor, params, body }) => json(await createRequest(actor, params.id, body), { status: 201 }),
);
