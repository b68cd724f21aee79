import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { signOutEverywhere } from "@/lib/auth/revoke";
import { listSessions } from "@/lib/auth/sessions";

// The caller's live sessions; `current` marks the one this request came with (none for an API token).
export const GET = route({ auth: "user" }, async ({ caller }) =>
  json({ items: await listSessions(caller.id, caller.sessionId) }),
);

// Sign out everywhere: every session cookie of the account stops working (this one too).
export const DELETE = route({ auth: "user" }, async ({ actor }) => {
  await signOutEverywhere(actor);
  return noContent();
});
