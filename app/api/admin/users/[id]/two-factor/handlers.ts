import { z } from "zod";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { getUserRow } from "@/lib/admin/users";
import { removeSecondFactor, secondFactorStatus } from "@/lib/auth/totp";

const params = z.object({ id: z.string().min(1) });

// Whether the user has a second factor on (no secret is ever shown).
export const GET = route({ auth: "admin", params }, async ({ params }) => {
  await getUserRow(params.id); // 404 for an unknown user
  return json(await secondFactorStatus(params.id));
});

// An admin resets a user's second factor (a lost phone): audited as auth.second_factor.removed.
export const DELETE = route({ auth: "admin", params }, async ({ actor, params }) => {
  await getUserRow(params.id); // 404 for an unknown user
  await removeSecondFactor(actor, params.id, "admin-reset");
  return noContent();
});
