// "A new sign-in to your account" (when mail is configured): sent when an account signs in from a
// device none of its recent sessions came from, so an owner learns of a stolen password. A device is
// its browser and system as the User-Agent names them, versions aside (a browser update is not a
// new device); "recent" is what the sessions table keeps (live sessions and a week past expiry).
// The first sign-in of an account has nothing to compare with and sends nothing.
import { db } from "../db";
import { env } from "../env";
import type { ClientInfo } from "../files/access";
import { mailConfigured, sendMail } from "../mail";
import { log } from "../log";

/** Sessions compared with: a user signing in from a script in a loop cannot make the check unbounded. */
const RECENT_SESSIONS = 200;

/** The User-Agent without its version numbers ("Chrome/131.0.0.0" and "Chrome/132.0.0.0" are one device). */
export function deviceOf(userAgent: string | null | undefined): string {
  return (userAgent ?? "")
    .replace(/[\d._]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether the session `sessionId` just started is the account's first from its device. */
async function isNewDevice(userId: string, sessionId: string, device: string): Promise<boolean> {
  const earlier = await db.session.findMany({
    where: { userId, id: { not: sessionId } },
    select: { userAgent: true },
    orderBy: { createdAt: "desc" },
    take: RECENT_SESSIONS,
  });
  return earlier.length > 0 && !earlier.some((s) => deviceOf(s.userAgent) === device);
}

/** Mails the account's owner when the session just started came from a new device (never throws). */
export async function noticeNewDevice(userId: string, sessionId: string, client?: ClientInfo): Promise<void> {
  if (!mailConfigured() || !env().SIGN_IN_NOTICE) return;
  try {
    if (!(await isNewDevice(userId, sessionId, deviceOf(client?.userAgent)))) return;
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await sendMail({
      to: user.email,
      subject: "New sign-in to your Stowage account",
      text: [
        "Your Stowage account was just signed in to from a device it has not used recently:",
        "",
        `  When:    ${new Date().toUTCString()}`,
        `  Browser: ${client?.userAgent ?? "unknown"}`,
        `  Address: ${client?.ip ?? "unknown"}`,
        "",
        "If this was you, there is nothing to do.",
        `If it was not, change your password and end the other sessions: ${env().APP_URL}/settings/account`,
      ].join("\n"),
    });
  } catch (error) {
    // A notice must never stop a sign-in.
    log.warn("sign-in notice: not sent", { error: String((error as Error)?.message ?? error) });
  }
}
