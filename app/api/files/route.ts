import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { userActor } from "@/lib/files/access";
import { listFiles, listFilesQuery } from "@/lib/files/list";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", query: listFilesQuery }, async ({ caller, query }) =>
  json(await listFiles(userActor(caller.id), query)),
);
