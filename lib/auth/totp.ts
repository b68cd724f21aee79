// The TOTP second factor (RFC 6238, otplib): enrolment (a QR code and the secret as text,
// confirmed by a first code), ten one-time recovery codes shown once and stored as SHA-256, and
// the check at every password sign-in — throttled like passwords, and a code accepted once only
// (the last accepted time step is kept; a later code must be of a later step).
import crypto from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { db } from "../db";
import { conflict, DomainError, rateLimited } from "../errors";
import { audit, ownerIdOf, type Actor } from "../files/access";
import { derivedKey } from "../secret";
import { claimAttempt, settleSuccess } from "./throttle";

const ISSUER = "Stowage";
const RECOVERY_CODES = 10;
/** Wrong codes before waits begin (then 1 s, 2 s, … as for passwords). */
const FREE_FAILURES = 5;
/** One step either side: phones whose clocks drift by up to 30 s still work. */
const TOLERANCE_SECONDS = 30;

/** TOTP secrets are stored encrypted (AES-256-GCM under a key derived from the app secret). */
function seal(secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", derivedKey("totp-secret"), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

function unseal(sealed: string): string {
  const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", derivedKey("totp-secret"), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
}

const hashCode = (code: string) =>
  crypto.createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");

function newRecoveryCode(): string {
  const raw = crypto.randomBytes(8).toString("hex"); // 64 bits
  return `${raw.slice(0, 8)}-${raw.slice(8)}`;
}

/** The time step a valid code belongs to, or null. */
async function stepOf(secret: string, code: string, now: Date): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS });
  if (!result.valid) return null;
  return Math.floor(epoch / 30) + (result.delta ?? 0);
}

/** Starts (or restarts) enrolment: a new secret, kept pending until a first code confirms it. */
export async function startTotpEnrolment(actor: Actor) {
  const userId = ownerIdOf(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw conflict("Two-factor authentication is already on.");
  const secret = generateSecret();
  await db.user.update({ where: { id: userId }, data: { totpPendingSecret: seal(secret) } });
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1 }) };
}

/** Confirms enrolment with a first code: two-factor is on; returns the recovery codes (shown this once). */
export async function confirmTotp(actor: Actor, code: string, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const userId = ownerIdOf(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpPendingSecret: true } });
  if (!user.totpPendingSecret) throw conflict("Start the set-up first.");
  const step = await stepOf(unseal(user.totpPendingSecret), code, now);
  if (step === null)
    throw new DomainError("invalid_request", "That code is not right. Check the time on your phone.", {
      field: "code",
    });
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId, codeHash: hashCode(c) })) });
    await audit(tx, actor, "auth.second_factor.enabled", userId, { method: "totp" });
  });
  return { recoveryCodes };
}

/** Turns the second factor off: by the user (after a valid code) or an admin's reset. */
export async function removeSecondFactor(actor: Actor, userId: string, reason: "user" | "admin-reset"): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await audit(tx, actor, "auth.second_factor.removed", userId, { reason });
  });
}

/** Whether the account must give a second factor at sign-in: TOTP is on, or it has a passkey. */
export async function secondFactorRequired(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpEnabledAt: true, _count: { select: { passkeys: true } } },
  });
  return Boolean(user?.totpEnabledAt) || (user?._count.passkeys ?? 0) > 0;
}

/**
 * Checks a TOTP code or a recovery code for `userId`: counted before it is checked (throttled),
 * each accepted at most once — a TOTP step must be later than the last accepted one (one
 * conditional update), a recovery code is claimed by one conditional update.
 */
export async function checkSecondFactor(userId: string, code: string, now = new Date()): Promise<boolean> {
  const counter = [{ key: `second-factor:${userId}`, free: FREE_FAILURES }];
  const wait = await claimAttempt(counter, now);
  if (wait > 0) throw rateLimited("Too many wrong codes. Try again later.", wait);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true } });
  if (!user.totpSecret) return false;
  let accepted = false;
  let method = "totp";
  const step = await stepOf(unseal(user.totpSecret), code, now);
  if (step !== null) {
    const { count } = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    accepted = count === 1;
  } else if (/^[0-9a-f]{8}-?[0-9a-f]{8}$/i.test(code.trim())) {
    method = "recovery_code";
    const { count } = await db.recoveryCode.updateMany({
      where: { userId, codeHash: hashCode(code.trim()), usedAt: null },
      data: { usedAt: now },
    });
    accepted = count === 1;
  }
  if (accepted) await settleSuccess(counter, [], now);
  await audit(db, null, accepted ? "auth.second_factor.ok" : "auth.second_factor.failed", userId, { method });
  return accepted;
}

/** What the settings page shows: TOTP on or off, how many recovery codes are left, how many passkeys. */
export async function secondFactorStatus(userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
  const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  const passkeys = await db.passkey.count({ where: { userId } });
  return { totp: user.totpEnabledAt !== null, enabledAt: user.totpEnabledAt, recoveryCodesLeft: left, passkeys };
}
