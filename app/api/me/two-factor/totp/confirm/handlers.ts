import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { confirmTotp } from "@/lib/auth/totp";
import { secondFactorCodeInput } from "@/lib/schemas/accounts";

// A first code confirms enrolment; the answer carries the recovery codes, this once.
export const POST = route(
  { auth: "user", body: secondFactorCodeInput, duringEnrolment: true },
  async ({ actor, body }) => json(await confirmTotp(actor, body.code)),
);
