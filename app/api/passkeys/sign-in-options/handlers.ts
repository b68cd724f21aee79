import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { startPasskeySignIn } from "@/lib/auth/passkeys";

// Sign-in with a passkey, step 1 (anyone): options naming no credential (the authenticator offers
// the site's passkeys), and the challenge's id for next-auth's `passkey` provider (or the password
// form's second-factor step).
export const POST = route({ auth: "none" }, async () => json(await startPasskeySignIn(), { status: 201 }));
