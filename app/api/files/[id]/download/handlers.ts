import { z } from "zod";
import { route } from "@/lib/http/route";
import { downloadQuery, downloadUrl } from "@/lib/files/get";
import { redirect } from "@/lib/http/respond";

export const GET = route(
  { auth: "user", params: z.object({ id: z.string() }), query: downloadQuery },
  async ({ actor, params, query }) =>
    redirect(await downloadUrl(actor, params.id, query.inline === "1" || query.inline === "true")),
);
