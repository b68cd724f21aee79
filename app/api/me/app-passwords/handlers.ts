import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createAppPassword, createAppPasswordInput, listAppPasswords } from "@/lib/auth/app-passwords";

// The secret is in this answer only (201); the list never carries it.
export const POST = route({ auth: "user", body: createAppPasswordInput }, async ({ actor, body }) =>
  json(await createAppPassword(actor, body), { status: 201 }),
);

export const GET = route({ auth: "user" }, async ({ caller }) => json({ items: await listAppPasswords(caller.id) }));
