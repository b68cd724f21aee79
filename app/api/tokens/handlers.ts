import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createApiToken, createTokenInput, listApiTokens } from "@/lib/auth/tokens";

export const POST = route({ auth: "user", body: createTokenInput }, async ({ actor, body }) =>
  json(await createApiToken(actor, body.name), { status: 201 }),
);

export const GET = route({ auth: "user" }, async ({ caller }) => json({ items: await listApiTokens(caller.id) }));
