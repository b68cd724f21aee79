// `tsx e2e/support/link-identity.ts <email> <provider>`: links an outside identity to an account,
// as a first single sign-on with a verified email does (lib/auth/identities.ts), for journeys of
// the admin console that need one without a provider running (e2e/sso.spec.ts runs the real flow).
import "../../scripts/load-env";
import { db, disconnectDb } from "../../lib/db";

const [email, provider] = process.argv.slice(2);
if (!email || !provider) throw new Error("Usage: link-identity.ts <email> <provider>");
const user = await db.user.findUniqueOrThrow({ where: { email } });
await db.identity.create({ data: { userId: user.id, provider, subject: `e2e-${Date.now()}`, email } });
await disconnectDb();
