import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { registerInput, registerUser } from "@/lib/auth/users";

export const POST = route({ auth: "none", body: registerInput }, async ({ body }) =>
  json({ user: await registerUser(body) }, { status: 201 }),
);
