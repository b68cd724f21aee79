// "Forgot password?" (when mail is configured): a one-time set-password link — the same kind an
// admin issues (lib/admin/password-links.ts) — sent to the account's address. The answer is the
// same whether or not the address has an account, and requests are throttled per address and per
// client, counted before anything is looked up, so neither the answer nor its timing tells.
import { db } from "../db";
import { env } from "../env";
import { notFound, rateLimited } from "../errors";
import { audit, systemActor, type ClientInfo } from "../files/access";
import { issueSetPasswordLink } from "../admin/password-links";
import { mailConfigured, sendMail } from "../mail";
import { claimAttempt } from "./throttle";

/** Requests per address (and per client) before the waits begin (then 1 s, 2 s, … up to 15 min). */
const FREE_PER_ADDRESS = 3;
const FREE_PER_CLIENT = 20;

/** Whether the sign-in page offers "Forgot password?". */
export function passwordResetOffered(): boolean {
  return mailConfigured() && env().PASSWORD_SIGN_IN;
}

export async function requestPasswordReset(email: string, client: ClientInfo, now = new Date()): Promise<void> {
  if (!passwordResetOffered()) throw notFound("Password reset by email");
  const address = email.trim().toLowerCase();
  const wait = await claimAttempt(
    [
      { key: `password-reset:${address}`, free: FREE_PER_ADDRESS },
      { key: `password-reset-client:${client.ip ?? "unknown"}`, free: FREE_PER_CLIENT },
    ],
    now,
  );
  if (wait > 0) throw rateLimited("Too many requests. Try again later.", wait);
  const user = await db.user.findUnique({ where: { email: address }, select: { id: true, disabledAt: true } });
  if (!user || user.disabledAt) {
    await audit(db, null, "auth.password_reset.requested", null, { email: address, sent: false }, client);
    return;
  }
  const link = await db.$transaction(async (tx) => {
    const url = await issueSetPasswordLink(tx, user.id, now);
    await audit(tx, systemActor("password-reset"), "auth.password_reset.requested", user.id, { sent: true }, client);
    return url;
  });
  const sent = await sendMail({
    to: address,
    subject: "Reset your Stowage password",
    text: [
      "Someone (hopefully you) asked to reset the password of your Stowage account.",
      "",
      `Choose a new password here (the link works once, for 7 days):`,
      link,
      "",
      "If it was not you, ignore this message: your password stays as it is.",
    ].join("\n"),
  });
  // Not told to the caller (it would say the address has an account); the server log has it.
  if (!sent) await audit(db, systemActor("password-reset"), "auth.password_reset.unsent", user.id);
}
