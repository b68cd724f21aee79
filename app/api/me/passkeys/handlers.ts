import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { finishPasskeyRegistration, listPasskeys } from "@/lib/auth/passkeys";
import { finishRegistrationInput } from "@/lib/schemas/passkeys";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";

// The caller's passkeys (names and dates; the keys stay on the server).
export const GET = route({ auth: "user", duringEnrolment: true }, async ({ caller }) =>
  json({ items: await listPasskeys(caller.id) }),
);

// Registration, step 2: the authenticator's answer to the challenge of POST /api/me/passkeys/options.
// Open during a required enrolment: a passkey is a second factor.
export const POST = route(
  { auth: "user", body: finishRegistrationInput, duringEnrolment: true },
  async ({ actor, body }) =>
    json(
      await finishPasskeyRegistration(actor, {
        ...body,
        response: body.response as unknown as RegistrationResponseJSON,
      }),
      { status: 201 },
    ),
);
