// The owner's side of file requests: create one for a live folder of theirs, list them (with the
// badge of new arrivals), mark one seen, revoke one. Another user's request or folder answers 404.
import crypto from "node:crypto";
import { db, type Prisma } from "../db";
import { env } from "../env";
import { notFound } from "../errors";
import { hashPassword } from "../auth/password";
import { audit, findFolder, ownerIdOf, type Actor } from "../files/access";
import type { CreateRequestInput, FileRequestJson } from "../schemas/requests";
import { hashToken, requestToken } from "./tokens";

type Row = Prisma.FileRequestGetPayload<{ include: { folder: { select: { id: true; name: true } } } }>;

export function toRequestJson(row: Row): FileRequestJson {
  return {
    id: row.id,
    url: `${env().APP_URL}/r/${requestToken(row.id)}`,
    folder: row.folder,
    message: row.message,
    expiresAt: row.expiresAt.toISOString(),
    hasPassword: row.passwordHash !== null,
    maxFiles: row.maxFiles,
    maxFileBytes: row.maxFileBytes === null ? null : Number(row.maxFileBytes),
    fileCount: row.fileCount,
    unseenCount: row.unseenCount,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const withFolder = { folder: { select: { id: true, name: true } } } as const;

export async function createRequest(actor: Actor, folderId: string, input: CreateRequestInput, now = new Date()) {
  const ownerId = ownerIdOf(actor);
  await findFolder(actor, folderId); // a live folder of the owner's; anyone else's answers 404
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  // The id is chosen here because the token (and so tokenHash) derives from it.
  const id = crypto.randomBytes(12).toString("hex");
  const row = await db.$transaction(async (tx) => {
    const created = await tx.fileRequest.create({
      data: {
        id,
        ownerId,
        folderId,
        tokenHash: hashToken(requestToken(id)),
        message: input.message || null,
        expiresAt: new Date(now.getTime() + input.expiresIn * 1000),
        passwordHash,
        maxFiles: input.maxFiles ?? null,
        maxFileBytes: input.maxFileBytes === undefined ? null : BigInt(input.maxFileBytes),
        createdAt: now,
      },
      include: withFolder,
    });
    await audit(tx, actor, "request.create", id, { folderId, expiresAt: created.expiresAt.toISOString() });
    return created;
  });
  return { request: toRequestJson(row) };
}

export async function listRequests(actor: Actor) {
  const rows = await db.fileRequest.findMany({
    where: { ownerId: ownerIdOf(actor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: withFolder,
    take: 500,
  });
  return { items: rows.map(toRequestJson) };
}

async function ownRequest(actor: Actor, id: string) {
  const row = await db.fileRequest.findFirst({ where: { id, ownerId: ownerIdOf(actor) } });
  if (!row) throw notFound("File request");
  return row;
}

/** The owner looked at the arrivals: the badge goes back to zero. */
export async function markSeen(actor: Actor, id: string) {
  await ownRequest(actor, id);
  await db.fileRequest.update({ where: { id }, data: { unseenCount: 0 } });
}

export async function revokeRequest(actor: Actor, id: string, now = new Date()) {
  await ownRequest(actor, id);
  await db.$transaction(async (tx) => {
    await tx.fileRequest.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, actor, "request.revoke", id);
  });
}
