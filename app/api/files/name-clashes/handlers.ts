import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { nameClashes } from "@/lib/versions/clashes";
import { nameClashesInput } from "@/lib/schemas/versions";

/** {folderId?, names} -> {clashes: [{name, fileId}]}: the names a live file in that folder already has. */
export const POST = route({ auth: "user", body: nameClashesInput }, async ({ actor, body }) =>
  json(await nameClashes(actor, body.folderId ?? null, body.names)),
);
