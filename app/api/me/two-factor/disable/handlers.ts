import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { checkSecondFactor, removeSecondFactor } from "@/lib/auth/totp";
import { DomainError } from "@/lib/errors";
import { secondFactorCodeInput } from "@/lib/schemas/accounts";

// Turning two-factor off takes a current code (or a recovery code): a borrowed session is not enough.
export const POST = route({ auth: "user", body: secondFactorCodeInput }, async ({ actor, caller, body }) => {
  if (!(await checkSecondFactor(caller.id, body.code))) {
    throw new DomainError("invalid_request", "That code is not right, or was already used.", { field: "code" });
  }
  await removeSecondFactor(actor, caller.id, "user");
  return noContent();
});
