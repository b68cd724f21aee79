// The visitor's side of a file request. One gate, as for share links (lib/shares/gate.ts): the token
// (404; a genuinely signed one whose request is gone: 410), the owner enabled, not revoked or expired
// (410), the folder live (410), then the password (the share links' own check and rate limits,
// counted per request). A visitor may then start uploads into that folder and nothing else: the
// access layer's request actor sees no file and only the uploads it started.
import { db, type Prisma } from "../db";
import { DomainError, gone, notFound } from "../errors";
import { formatBytes } from "../bytes";
import { findFolder, userActor, type Actor, type ClientInfo } from "../files/access";
import { checkPassword } from "../shares/password";
import { createUpload } from "../uploads/create";
import type { RequestVisitJson } from "../schemas/requests";
import { createUploadInput } from "../schemas/uploads";
import { hashToken, signedRequestId } from "./tokens";

export interface RequestVisit {
  token: string;
  now: Date;
  client: ClientInfo;
  password?: string;
  unlock?: string;
}

type RequestActor = Extract<Actor, { kind: "request" }>;

async function openRequest(visit: RequestVisit) {
  const request = await db.fileRequest.findUnique({ where: { tokenHash: hashToken(visit.token) } });
  if (!request) {
    if (signedRequestId(visit.token)) throw gone("This link is no longer available.", { reason: "unavailable" });
    throw notFound("File request");
  }
  const owner = await db.user.findUnique({
    where: { id: request.ownerId },
    select: { disabledAt: true, name: true, email: true },
  });
  if (!owner || owner.disabledAt) throw gone("This link is no longer available.", { reason: "unavailable" });
  if (request.revokedAt) throw gone("This link was turned off by its owner.", { reason: "revoked" });
  if (request.expiresAt <= visit.now) throw gone("This link has expired.", { reason: "expired" });
  try {
    await findFolder(userActor(request.ownerId), request.folderId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found")
      throw gone("This link is no longer available.", { reason: "unavailable" });
    throw error;
  }
  return { request, owner };
}

/** What the visitor page shows: the message and the limits, never the folder. */
export async function describeRequest(visit: RequestVisit): Promise<RequestVisitJson> {
  const { request, owner } = await openRequest(visit);
  return {
    message: request.message,
    expiresAt: request.expiresAt.toISOString(),
    passwordRequired: request.passwordHash !== null,
    maxFileBytes: request.maxFileBytes === null ? null : Number(request.maxFileBytes),
    filesLeft: request.maxFiles === null ? null : Math.max(0, request.maxFiles - request.fileCount),
    owner: owner.name || "The owner",
  };
}

/** The gate, then the password: the actor a visitor's uploads run as, and a fresh unlock value. */
export async function admitUploader(visit: RequestVisit): Promise<{ actor: RequestActor; unlock?: string }> {
  const { request } = await openRequest(visit);
  const unlock = await checkPassword(request, visit, "request");
  return {
    actor: {
      kind: "request",
      requestId: request.id,
      ownerId: request.ownerId,
      folderId: request.folderId,
      client: visit.client,
    },
    unlock,
  };
}

/** Takes one of the request's file slots in the upload's own transaction (none left: 403). */
async function takeSlot(tx: Prisma.TransactionClient, requestId: string) {
  const taken = await tx.$executeRaw`UPDATE "FileRequest" SET "fileCount" = "fileCount" + 1
    WHERE "id" = ${requestId} AND ("maxFiles" IS NULL OR "fileCount" < "maxFiles")`;
  if (taken !== 1) throw new DomainError("forbidden", "This link accepts no more files.", { reason: "full" });
}

/** A visitor's upload into the request's folder, the same direct-to-bucket upload as a user's. */
export async function createVisitorUpload(visit: RequestVisit, input: { name: string; size: number; type: string }) {
  const { actor, unlock } = await admitUploader(visit);
  const parsed = createUploadInput.parse({ ...input, folderId: actor.folderId });
  const request = await db.fileRequest.findUniqueOrThrow({ where: { id: actor.requestId } });
  if (request.maxFileBytes !== null && BigInt(parsed.size) > request.maxFileBytes) {
    throw new DomainError("too_large", `Files can be at most ${formatBytes(Number(request.maxFileBytes))} here.`, {
      maxFileBytes: Number(request.maxFileBytes),
    });
  }
  const created = await createUpload(actor, parsed, (tx) => takeSlot(tx, actor.requestId)).catch((error: unknown) => {
    // The owner's remaining space and quota are not the visitor's business: the same 413, no figures.
    if (error instanceof DomainError && error.code === "quota_exceeded")
      throw new DomainError(
        "quota_exceeded",
        "There is not enough room for this file. Ask the person who sent the link.",
      );
    throw error;
  });
  return { created, unlock };
}
