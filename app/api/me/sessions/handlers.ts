import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { signOutEverywhere } from "@/lib/auth/revoke";

// Sign out everywhere: every session cookie of the account stops working (this one too).
export const DELETE = route({ auth: "user" }, async ({ caller }) => {
  await signOutEverywhere(caller.id);
  return noContent();
});
