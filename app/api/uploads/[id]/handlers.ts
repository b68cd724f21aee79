import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { abortUpload, describeUpload, findUpload } from "@/lib/uploads";

const params = z.object({ id: z.string() });

/** The upload session, so a client can resume it after a reload. */
export const GET = route({ auth: "user", params }, async ({ actor, params }) =>
  json(describeUpload(await findUpload(actor, params.id))),
);

export const DELETE = route({ auth: "user", params }, async ({ actor, params }) => {
  await abortUpload(actor, params.id);
  return noContent();
});
