import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { deleteVersion } from "@/lib/versions/versions";

export const DELETE = route(
  { auth: "user", params: z.object({ id: z.string(), versionId: z.string() }) },
  async ({ actor, params }) => {
    await deleteVersion(actor, params.id, params.versionId);
    return noContent();
  },
);
