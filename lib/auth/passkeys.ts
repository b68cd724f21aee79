// Passkeys (WebAuthn, @simplewebauthn/server): an account registers several, names and removes
// them, and signs in with one instead of a password (discoverable credentials: no email typed) or
// uses one as the second factor after its password. The relying party is APP_URL: its host name
// is the RP ID and its origin the only accepted origin. Challenges are single-use (claimed by
// deleting their row) and expire after five minutes; a response must raise the authenticator's
// signature counter (checked by the library, then claimed by a conditional update so two
// simultaneous uses of one response cannot both pass).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db } from "../db";
import { env } from "../env";
import { DomainError, notFound } from "../errors";
import { audit, ownerIdOf, type Actor, type ClientInfo, userActor } from "../files/access";
import { log } from "../log";

const CHALLENGE_TTL_MS = 5 * 60_000;
type Purpose = "register" | "sign-in";

/** The relying party: APP_URL's host name (the RP ID) and origin. */
function relyingParty() {
  const url = new URL(env().APP_URL);
  return { id: url.hostname, origin: url.origin, name: "Stowage" };
}

async function storeChallenge(challenge: string, purpose: Purpose, userId: string | null, now = new Date()) {
  // Expired challenges are forgotten as new ones are made: the table stays as small as its use.
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  const row = await db.webAuthnChallenge.create({
    data: { challenge, purpose, userId, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) },
    select: { id: true },
  });
  return row.id;
}

/** Takes a live challenge for one use: the row is deleted, so a second use finds nothing. */
async function claimChallenge(id: string, purpose: Purpose, userId: string | null): Promise<string | null> {
  const row = await db.webAuthnChallenge.findUnique({ where: { id } });
  if (!row || row.purpose !== purpose || row.userId !== userId) return null;
  const { count } = await db.webAuthnChallenge.deleteMany({ where: { id, expiresAt: { gt: new Date() } } });
  return count === 1 ? row.challenge : null;
}

const wrongResponse = () =>
  new DomainError("invalid_request", "The passkey's answer was not accepted. Try again.", { field: "response" });

/** Registration, step 1: options for navigator.credentials.create(), and the challenge's id. */
export async function startPasskeyRegistration(actor: Actor) {
  const userId = ownerIdOf(actor);
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, passkeys: { select: { credentialId: true } } },
  });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: new TextEncoder().encode(userId),
    attestationType: "none",
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId })),
    // Discoverable, so that it can sign in without an email typed first.
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  return { challengeId: await storeChallenge(options.challenge, "register", userId), options };
}

/** Registration, step 2: the authenticator's answer checked and its public key kept under `name`. */
export async function finishPasskeyRegistration(
  actor: Actor,
  input: { challengeId: string; name: string; response: RegistrationResponseJSON },
) {
  const userId = ownerIdOf(actor);
  const challenge = await claimChallenge(input.challengeId, "register", userId);
  if (!challenge) throw new DomainError("invalid_request", "That passkey set-up expired. Start again.");
  const rp = relyingParty();
  const verified = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch((error: unknown) => {
    log.info("passkey registration refused", { error: String(error) });
    return null;
  });
  if (!verified?.verified) throw wrongResponse();
  const { credential } = verified.registrationInfo;
  return db.$transaction(async (tx) => {
    const passkey = await tx.passkey.create({
      data: {
        userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports?.join(",") || null,
        name: input.name,
      },
      select: passkeySelect,
    });
    await audit(tx, actor, "auth.passkey.added", passkey.id, { name: input.name });
    return passkey;
  });
}

const passkeySelect = { id: true, name: true, createdAt: true, lastUsedAt: true } as const;

export function listPasskeys(userId: string) {
  return db.passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: passkeySelect });
}

export async function renamePasskey(actor: Actor, id: string, name: string) {
  const userId = ownerIdOf(actor);
  return db.$transaction(async (tx) => {
    const { count } = await tx.passkey.updateMany({ where: { id, userId }, data: { name } });
    if (count === 0) throw notFound("Passkey");
    await audit(tx, actor, "auth.passkey.renamed", id, { name });
    return tx.passkey.findUniqueOrThrow({ where: { id }, select: passkeySelect });
  });
}

export async function removePasskey(actor: Actor, id: string): Promise<void> {
  const userId = ownerIdOf(actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id, userId } });
    if (count === 0) throw notFound("Passkey");
    await audit(tx, actor, "auth.passkey.removed", id);
  });
}

/** Sign-in, step 1 (anyone): options for navigator.credentials.get() with no credential named. */
export async function startPasskeySignIn() {
  const rp = relyingParty();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "preferred" });
  return { challengeId: await storeChallenge(options.challenge, "sign-in", null), options };
}

/**
 * Sign-in, step 2: the account whose passkey answered the challenge, or null (unknown, disabled,
 * another account's when `expectedUserId` is given — the second-factor case — or a bad response).
 */
export async function userForPasskey(
  challengeId: string,
  response: AuthenticationResponseJSON,
  options: { expectedUserId?: string; client?: ClientInfo } = {},
): Promise<string | null> {
  const challenge = await claimChallenge(challengeId, "sign-in", null);
  const passkey = await db.passkey.findUnique({
    where: { credentialId: String(response?.id ?? "") },
    include: { user: { select: { disabledAt: true } } },
  });
  const refuse = async (reason: string) => {
    await audit(db, null, "auth.passkey.failed", passkey?.userId ?? null, { reason }, options.client);
    return null;
  };
  if (!challenge) return refuse("challenge");
  if (!passkey || passkey.user.disabledAt) return refuse("unknown_or_disabled");
  if (options.expectedUserId && passkey.userId !== options.expectedUserId) return refuse("other_account");
  const rp = relyingParty();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: passkey.transports?.split(",") as never,
    },
    requireUserVerification: false,
  }).catch((error: unknown) => {
    log.info("passkey sign-in refused", { error: String(error) });
    return null;
  });
  if (!verified?.verified) return refuse("response");
  // The counter this response raises it to, claimed once (authenticators that keep no counter send 0).
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(verified.authenticationInfo.newCounter), lastUsedAt: new Date() },
  });
  if (count === 0) return refuse("counter");
  await audit(db, userActor(passkey.userId, options.client), "auth.passkey.used", passkey.id);
  return passkey.userId;
}

/** Whether the account has a passkey (it then serves as a second factor too). */
export async function hasPasskey(userId: string): Promise<boolean> {
  return (await db.passkey.count({ where: { userId } })) > 0;
}
