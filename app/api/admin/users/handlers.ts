import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createUser, createUserInput } from "@/lib/admin/users";

export const POST = route({ auth: "admin", body: createUserInput }, async ({ actor, body }) =>
  json(await createUser(actor, body), { status: 201 }),
);
