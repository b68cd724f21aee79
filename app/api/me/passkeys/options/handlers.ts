import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { startPasskeyRegistration } from "@/lib/auth/passkeys";

// Registration, step 1: options for navigator.credentials.create() and the challenge's id.
export const POST = route({ auth: "user", duringEnrolment: true }, async ({ actor }) =>
  json(await startPasskeyRegistration(actor), { status: 201 }),
);
