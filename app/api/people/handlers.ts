import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { findPeople } from "@/lib/grants/shared";
import { peopleQuery } from "@/lib/schemas/groups";

export const GET = route({ auth: "user", query: peopleQuery }, async ({ actor, query }) =>
  json(await findPeople(actor, query.q)),
);
