import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { getUserRow } from "@/lib/admin/users";
import { removeSecondFactor } from "@/lib/auth/totp";

// An admin resets a user's second factor (a lost phone): audited as auth.second_factor.removed.
export const DELETE = route(
  { auth: "admin", params: z.object({ id: z.string().min(1) }) },
  async ({ actor, params }) => {
    await getUserRow(params.id); // 404 for an unknown user
    await removeSecondFactor(actor, params.id, "admin-reset");
    return noContent();
  },
);
