// POST /api/uploads/batch: many small uploads created in one transaction. Each file succeeds or
// fails on its own (as its own POST /api/uploads would), and the quota stays exact across the
// batch: files are granted in order while they fit.
import { db } from "../db";
import { insertRows, newRowId } from "../db/insert-rows";
import { env } from "../env";
import { invalid, notFound } from "../errors";
import { formatBytes } from "../bytes";
import { quotaExceeded, reserveBytes, releaseBytes } from "../quota";
import { driverForNewUpload } from "../storage";
import { newStorageKey } from "../storage/keys";
import { freeNames } from "../files/names";
import { folderScope, ownerIdOf, writerFor, type Actor } from "../files/access";
import type { SingleUploadTarget } from "../schemas/uploads";
import type { WithDates } from "../schemas/dates";
import { log } from "../log";
import { checkAccepted, usesMultipart, type CreateUploadInput } from "./rules";

const PUT_URL_SECONDS = 15 * 60;

export type BatchCreated =
  | { ok: true; target: WithDates<SingleUploadTarget, "expiresAt">; key: string; size: number }
  | { ok: false; error: unknown };

interface Candidate {
  index: number;
  input: CreateUploadInput;
  folderId: string | null;
  key: string;
}

/**
 * The account the batch writes into: the caller's, or (an Editor's batch) the owner of the shared
 * folder its first file goes to. One batch writes into one account; files for another are refused.
 */
async function batchOwner(actor: Actor, inputs: CreateUploadInput[]) {
  const folderIds = [...new Set(inputs.flatMap((i) => (i.folderId ? [i.folderId] : [])))];
  const folders =
    folderIds.length === 0
      ? []
      : await db.folder.findMany({
          where: { AND: [{ id: { in: folderIds } }, folderScope(actor)] },
          select: { id: true, ownerId: true },
        });
  const live = new Map(folders.map((f) => [f.id, f]));
  const first = inputs[0]?.folderId ? live.get(inputs[0].folderId) : undefined;
  let ownerId = ownerIdOf(actor);
  try {
    ownerId = writerFor(actor, first ?? null);
  } catch {
    // a Viewer's folder: each of its files is refused below
  }
  return { ownerId, live };
}

/** Refusals that need no transaction: rules, multipart sizes, folders the caller may not write into. */
async function screen(
  actor: Actor,
  ownerId: string,
  live: Map<string, { id: string; ownerId: string }>,
  inputs: CreateUploadInput[],
  results: BatchCreated[],
): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  inputs.forEach((input, index) => {
    try {
      checkAccepted(input);
      if (usesMultipart(input.size))
        throw invalid(
          `Files over ${formatBytes(env().MULTIPART_THRESHOLD)} are uploaded in parts: create them with POST /api/uploads.`,
          { useSingleCreate: true },
        );
      const folder = input.folderId ? live.get(input.folderId) : null;
      if (folder === undefined) throw notFound("Folder");
      if (writerFor(actor, folder) !== ownerId) throw invalid("Upload a batch into one account's folders.");
      candidates.push({ index, input, folderId: input.folderId ?? null, key: newStorageKey(ownerId) });
    } catch (error) {
      results[index] = { ok: false, error };
    }
  });
  return candidates;
}

/**
 * Reserves the batch's bytes: all at once when they fit (one statement), else file by file in
 * order, so exactly the files that fit are granted. Returns the granted candidates.
 */
async function reserve(
  tx: Parameters<typeof reserveBytes>[2],
  ownerId: string,
  candidates: Candidate[],
): Promise<Set<Candidate>> {
  const total = candidates.reduce((sum, c) => sum + c.input.size, 0);
  if (candidates.length === 0 || (await reserveBytes(ownerId, total, tx))) return new Set(candidates);
  const granted = new Set<Candidate>();
  for (const candidate of candidates) {
    if (await reserveBytes(ownerId, candidate.input.size, tx)) granted.add(candidate);
  }
  return granted;
}

export async function createUploadBatch(actor: Actor, inputs: CreateUploadInput[]): Promise<BatchCreated[]> {
  const { ownerId, live } = await batchOwner(actor, inputs);
  const results: BatchCreated[] = new Array(inputs.length);
  const candidates = await screen(actor, ownerId, live, inputs, results);
  const uploaderId = ownerId === ownerIdOf(actor) ? null : ownerIdOf(actor);
  if (candidates.length === 0) return results;
  const driver = await driverForNewUpload();
  const expiresAt = new Date(Date.now() + env().UPLOAD_EXPIRY_SECONDS * 1000);

  // As in createUpload: the reservation and the rows that account for it commit together, and
  // holding the owner's row makes concurrent creates pick their free names one at a time.
  const created = await db.$transaction(async (tx) => {
    const granted = await reserve(tx, ownerId, candidates);
    const rows = candidates.filter((c) => granted.has(c));
    const byFolder = new Map<string | null, Candidate[]>();
    for (const c of rows) {
      const group = byFolder.get(c.folderId);
      if (group) group.push(c);
      else byFolder.set(c.folderId, [c]);
    }
    const names = new Map<Candidate, string>();
    for (const [folderId, group] of byFolder) {
      const free = await freeNames(
        tx,
        ownerId,
        folderId,
        group.map((c) => c.input.name),
      );
      group.forEach((c, i) => names.set(c, free[i]!));
    }
    // Raw multi-row INSERTs (lib/db/insert-rows.ts): Prisma compiles every createMany anew.
    const now = new Date();
    const ids = new Map(rows.map((c) => [c, newRowId()]));
    await insertRows(
      tx,
      "File",
      rows.map((c) => ({
        id: ids.get(c)!,
        ownerId,
        uploaderId,
        folderId: c.folderId,
        name: names.get(c)!,
        size: BigInt(c.input.size),
        type: c.input.type,
        storageKey: c.key,
        driver: driver.name,
        createdAt: now,
        updatedAt: now,
      })),
    );
    // Each session shares its file's id, as createUpload's do.
    await insertRows(
      tx,
      "Upload",
      rows.map((c) => ({
        id: ids.get(c)!,
        fileId: ids.get(c)!,
        ownerId,
        size: BigInt(c.input.size),
        expiresAt,
        createdAt: now,
      })),
    );
    return ids;
  });

  const expiresIn = Math.min(PUT_URL_SECONDS, env().UPLOAD_EXPIRY_SECONDS);
  const granted = candidates.filter((c) => created.has(c));
  // All at once (one log line on the local driver); should that fail, file by file, so only the
  // files that cannot be signed fail.
  const signedAll = await driver
    .createUploadUrls(granted.map(({ key, input }) => ({ key, size: input.size, type: input.type, expiresIn })))
    .then((all) => new Map(granted.map((c, i) => [c, all[i]!])))
    .catch(() => new Map<Candidate, never>());
  for (const candidate of candidates) {
    const fileId = created.get(candidate);
    if (!fileId) {
      results[candidate.index] = { ok: false, error: await quotaExceeded(ownerId, candidate.input.size, "this file") };
      continue;
    }
    const { input, key } = candidate;
    try {
      const signed =
        signedAll.get(candidate) ??
        (await driver.createUploadUrl({ key, size: input.size, type: input.type, expiresIn }));
      const target = {
        uploadId: fileId,
        fileId,
        method: "PUT" as const,
        url: signed.url,
        headers: signed.headers,
        expiresAt,
      };
      results[candidate.index] = { ok: true, target, key, size: input.size };
    } catch (error) {
      results[candidate.index] = { ok: false, error };
      await undoCreate(ownerId, fileId, input.size);
    }
  }
  return results;
}

/** A file whose URL could not be signed leaves nothing behind: no rows, no reservation. */
async function undoCreate(ownerId: string, fileId: string, size: number): Promise<void> {
  await db
    .$transaction(async (tx) => {
      await tx.file.delete({ where: { id: fileId } });
      await releaseBytes(ownerId, size, tx);
    })
    .catch((cleanupError: unknown) =>
      log.warn("upload batch: cleanup after a failed sign", { error: String(cleanupError) }),
    );
}
