import { z } from "zod";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { downloadQuery, downloadUrl } from "@/lib/files/get";
import { redirect } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = route(
  { auth: "user", params: z.object({ id: z.string() }), query: downloadQuery },
  async ({ caller, params, query }) =>
    redirect(await downloadUrl(userActor(caller.id), params.id, query.inline === "1" || query.inline === "true")),
);
