import { z } from "zod";
import { route } from "@/lib/http/route";
import { downloadQuery } from "@/lib/files/get";
import { redirect } from "@/lib/http/respond";
import { versionDownloadUrl } from "@/lib/versions/versions";

export const GET = route(
  { auth: "user", params: z.object({ id: z.string(), versionId: z.string() }), query: downloadQuery },
  async ({ actor, params, query }) =>
    redirect(
      await versionDownloadUrl(actor, params.id, params.versionId, query.inline === "1" || query.inline === "true"),
    ),
);
