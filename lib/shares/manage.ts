// The owner's side of share links: create, list, edit, revoke. Another user's link answers 404.
import crypto from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import { conflict, invalid, notFound } from "../errors";
import { hashPassword } from "../auth/password";
import { audit, findFile, findFolder, ownOnly, ownerIdOf, shareScope, type Actor } from "../files/access";
import type { CreateShareInput, UpdateShareInput } from "../schemas/shares";
import { hashToken, shareToken } from "./tokens";
import { toShareJson } from "./json";

const DAY_SECONDS = 24 * 3600;
const DAY_MS = DAY_SECONDS * 1000;

/** A link made without an expiry lasts 7 days, or SHARE_MAX_DAYS when the server allows less. */
const defaultExpirySeconds = () => Math.min(7, env().SHARE_MAX_DAYS) * DAY_SECONDS;
const withTarget = {
  file: { select: { id: true, name: true, folderId: true, deletedAt: true } },
  folder: { select: { id: true, name: true, deletedAt: true } },
} as const;

export type ShareTarget = { type: "file" | "folder"; id: string };

/** The expiry asked for, checked: in the future and at most SHARE_MAX_DAYS away. */
function expiryFrom(
  input: { expiresIn?: number; expiresAt?: Date },
  now: Date,
  fallbackSeconds?: number,
): Date | undefined {
  const seconds = input.expiresIn ?? (input.expiresAt ? undefined : fallbackSeconds);
  const expiresAt = input.expiresAt ?? (seconds !== undefined ? new Date(now.getTime() + seconds * 1000) : undefined);
  if (!expiresAt) return undefined;
  if (expiresAt <= now) throw invalid("The expiry must be in the future.");
  const maxDays = env().SHARE_MAX_DAYS;
  if (expiresAt.getTime() > now.getTime() + maxDays * DAY_MS) {
    throw invalid(`A link can last at most ${maxDays} ${maxDays === 1 ? "day" : "days"}.`);
  }
  return expiresAt;
}

export async function createShare(anyActor: Actor, target: ShareTarget, input: CreateShareInput, now = new Date()) {
  // Only live files and folders of the owner can be shared; anyone else's answer 404, also those
  // shared with the caller (links are the owner's to hand out).
  const actor = ownOnly(anyActor);
  const ownerId = ownerIdOf(actor);
  if (target.type === "file") await findFile(actor, target.id);
  else await findFolder(actor, target.id);
  const expiresAt = expiryFrom(input, now, defaultExpirySeconds())!;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  // The id is chosen here because the token (and so tokenHash) derives from it.
  const id = crypto.randomBytes(12).toString("hex");
  const share = await db.$transaction(async (tx) => {
    const created = await tx.share.create({
      data: {
        id,
        ownerId,
        fileId: target.type === "file" ? target.id : null,
        folderId: target.type === "folder" ? target.id : null,
        tokenHash: hashToken(shareToken(id)),
        expiresAt,
        passwordHash,
        maxDownloads: input.maxDownloads ?? null,
        createdAt: now,
      },
      include: withTarget,
    });
    await audit(tx, actor, "share.create", id, { [`${target.type}Id`]: target.id, expiresAt: expiresAt.toISOString() });
    return created;
  });
  return { share: toShareJson(share, now) };
}

export async function listShares(actor: Actor, now = new Date()) {
  const shares = await db.share.findMany({
    where: shareScope(actor),
    include: withTarget,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return { items: shares.map((share) => toShareJson(share, now)) };
}

/** One of the owner's links, to change it (anyone else's answers 404). */
async function ownShare(actor: Actor, id: string) {
  ownerIdOf(actor);
  const share = await db.share.findFirst({ where: { AND: [{ id }, shareScope(actor)] } });
  if (!share) throw notFound("Share link");
  return share;
}

/** Extends the expiry, changes or removes the password, changes the limit; the link stays the same. */
export async function updateShare(actor: Actor, id: string, input: UpdateShareInput, now = new Date()) {
  const current = await ownShare(actor, id);
  if (current.revokedAt) throw conflict("A revoked link cannot be changed; create a new one.");
  const expiresAt = expiryFrom(input, now);
  const passwordHash =
    input.password === undefined ? undefined : input.password === null ? null : await hashPassword(input.password);
  const share = await db.$transaction(async (tx) => {
    const updated = await tx.share.update({
      where: { id },
      data: { expiresAt, passwordHash, maxDownloads: input.maxDownloads },
      include: withTarget,
    });
    await audit(tx, actor, "share.update", id, {
      ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
      ...(input.password !== undefined ? { password: input.password === null ? "removed" : "changed" } : {}),
      ...(input.maxDownloads !== undefined ? { maxDownloads: input.maxDownloads } : {}),
    });
    return updated;
  });
  return { share: toShareJson(share, now) };
}

/** Revokes a link for good (204 again when it already was). */
export async function revokeShare(actor: Actor, id: string, now = new Date()): Promise<void> {
  const share = await ownShare(actor, id);
  if (share.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.share.update({ where: { id }, data: { revokedAt: now } });
    await audit(tx, actor, "share.revoke", id);
  });
}
