import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { listIdentities } from "@/lib/auth/identities";

// The signed-in user's linked sign-in methods (settings).
export const GET = route({ auth: "user" }, async ({ caller }) => json({ items: await listIdentities(caller.id) }));
