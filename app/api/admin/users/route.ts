import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createUser, createUserInput } from "@/lib/admin/users";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "admin", body: createUserInput }, async ({ caller, body }) =>
  json(await createUser(caller.id, body), { status: 201 }),
);
