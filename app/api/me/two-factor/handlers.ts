import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { secondFactorStatus } from "@/lib/auth/totp";

// Whether two-factor is on, and how many recovery codes are left.
export const GET = route({ auth: "user", duringEnrolment: true }, async ({ caller }) =>
  json(await secondFactorStatus(caller.id)),
);
