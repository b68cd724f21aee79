import { z } from "zod";
import { route } from "@/lib/http/route";
import { downloadQuery, downloadUrl } from "@/lib/files/get";

export const dynamic = "force-dynamic";

export const GET = route(
  { auth: "user", params: z.object({ id: z.string() }), query: downloadQuery },
  async ({ caller, params, query }) => {
    const url = await downloadUrl(caller.id, params.id, query.inline === "1" || query.inline === "true");
    return new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store" } });
  },
);
