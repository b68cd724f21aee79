import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { startTotpEnrolment } from "@/lib/auth/totp";

// Starts enrolment: the secret (as text and as a QR code) to add to an authenticator app.
export const POST = route({ auth: "user", duringEnrolment: true }, async ({ actor }) =>
  json(await startTotpEnrolment(actor), { status: 201 }),
);
