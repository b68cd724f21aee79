import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { readTwoFactorPolicy, setTwoFactorPolicy } from "@/lib/auth/policy";
import { signInPolicyInput } from "@/lib/schemas/accounts";

// The sign-in policy of the admin console: who must use a second factor.
export const GET = route({ auth: "admin" }, async () => json({ twoFactorRequired: await readTwoFactorPolicy() }));

// Changing it is audited (admin.policy.two_factor); it applies to the next request of every session.
export const PUT = route({ auth: "admin", body: signInPolicyInput }, async ({ actor, body }) =>
  json({ twoFactorRequired: await setTwoFactorPolicy(actor, body.twoFactorRequired) }),
);
