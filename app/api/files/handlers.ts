import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { listFiles, listFilesQuery } from "@/lib/files/list";

export const GET = route({ auth: "user", query: listFilesQuery }, async ({ actor, query }) =>
  json(await listFiles(actor, query)),
);
