// The storage work behind the app-served URLs (`/api/blob/<token>`: the local driver, and the S3
// driver in relay mode): what a signed token grants, whether the books still allow it (the owner
// active, the upload open), and the object's bytes read, written and sized through its driver.
// Plain results and domain errors; lib/http/blob-endpoint.ts turns them into statuses and headers.
import { DomainError } from "../errors";
import { getDriver } from "../storage";
import { normalizeContentType, safeDisposition } from "../storage/content";
import { emptyStream } from "../storage/streams";
import type { ByteRange, ByteSource, CommitCheck, ReadResult } from "../storage/types";
import {
  verifyUrlToken,
  type GetGrant,
  type GroupGrant,
  type PartGrant,
  type PutGrant,
  type VerifyResult,
} from "../storage/url-token";
import type { LocalDriver } from "../storage/local";
import { isShareScopeLive } from "../shares/grants";

export type { GetGrant, GroupGrant, PartGrant, PutGrant };

/** The app's say on a signed URL, on top of its signature (the blob route passes lib/uploads' and lib/auth's). */
export interface BlobChecks {
  /**
   * Whether bytes may still be written at `key` (the app's books: is its upload still open, and its
   * owner active?). Asked before the body is read, and for a whole object again before the received
   * bytes are moved into place (a part: only before; see writeBlob); isOwnerActive is then asked only to say why a write was refused (one statement
   * less per PUT and per part: issue 24's per-part work).
   */
  canWrite?(key: string): Promise<boolean>;
  /** canWrite for many keys in one question (a group PUT): whether every one may still be written. */
  canWriteAll?(keys: string[]): Promise<boolean>;
  /** Whether the account owning `key` may still use its signed URLs (false once disabled). */
  isOwnerActive?(key: string): Promise<boolean>;
  /**
   * Whether a GET signed with a scope (who handed it out: a share link) may still be used. The
   * default asks the share rules, so every server that serves this endpoint ends such URLs alike.
   */
  isScopeLive?(scope: string): Promise<boolean>;
}

/** What the token grants (the token is the whole authorization), or why it grants nothing. */
export function resolveBlobToken(token: string): VerifyResult {
  return verifyUrlToken(token);
}

function uploadClosed(): DomainError {
  return new DomainError("forbidden", "This upload is no longer open: it was completed, cancelled or has expired.");
}

/** Throws 403 when the key's owner is disabled, a share's URL has ended, or a write's upload is no longer open. */
export async function admitBlobRequest(grant: GetGrant | PutGrant | PartGrant, checks: BlobChecks): Promise<void> {
  const ownerDisabled = async () => checks.isOwnerActive !== undefined && !(await checks.isOwnerActive(grant.key));
  const disabled = () => new DomainError("forbidden", "This link is no longer valid: its account is disabled.");
  if (grant.op !== "get" && checks.canWrite) {
    if (await checks.canWrite(grant.key)) return;
    throw (await ownerDisabled()) ? disabled() : uploadClosed();
  }
  if (await ownerDisabled()) throw disabled();
  const isScopeLive = checks.isScopeLive ?? isShareScopeLive;
  if (grant.op === "get" && grant.scope !== undefined && !(await isScopeLive(grant.scope))) {
    throw new DomainError("forbidden", "This link is no longer valid: the share was turned off or the file removed.");
  }
}

/**
 * Asked again once a whole object's body has arrived, just before the bytes are moved into place: a PUT that
 * was already streaming when its upload was cancelled or expired must not leave bytes behind.
 */
function stillWritable(checks: BlobChecks, key: string): CommitCheck | undefined {
  const { canWrite } = checks;
  if (!canWrite) return undefined;
  return async () => {
    if (!(await canWrite(key))) throw uploadClosed();
  };
}

/**
 * Stores exactly the grant's size at its key, as the whole object or as one part (`body` null: an
 * empty one); the ETag the store gave it, when it has one.
 */
export async function writeBlob(
  grant: PutGrant | PartGrant,
  body: ByteSource | null,
  checks: BlobChecks,
): Promise<{ etag?: string }> {
  const target = getDriver(grant.driver);
  const bytes = body ?? emptyStream();
  if (grant.op === "put") {
    const commitCheck = stillWritable(checks, grant.key);
    return target.putObject({ key: grant.key, body: bytes, size: grant.size, type: grant.type, commitCheck });
  }
  // A part is asked about once, before its body (one statement per part: issue 24). Its record is
  // not the object: it lives with the upload (removed when the upload is aborted or swept), and
  // completing asks the books again before anything becomes a file.
  return target.putPart({
    key: grant.key,
    uploadId: grant.uploadId,
    partNumber: grant.partNumber,
    body: bytes,
    size: grant.size,
  });
}

/** How a download is served: its type, and inline only where that type is safe to render. */
export function downloadForm(grant: GetGrant): {
  type: string;
  disposition: "attachment" | "inline";
  filename: string;
} {
  const type = normalizeContentType(grant.type);
  return { type, disposition: safeDisposition(grant.disposition, type), filename: grant.filename };
}

/** The stored object's size in bytes. */
export async function blobSize(grant: GetGrant): Promise<number> {
  return (await getDriver(grant.driver).stat(grant.key)).size;
}

/** The object's bytes, all of them or `range`. */
export function readBlob(grant: GetGrant, range?: ByteRange): Promise<ReadResult> {
  return getDriver(grant.driver).read(grant.key, range);
}

/** Whether every key of a group may still be written: one question when the checks can ask it so. */
async function canWriteGroup(checks: BlobChecks, keys: string[]): Promise<boolean> {
  if (checks.canWriteAll) return checks.canWriteAll(keys);
  const { canWrite } = checks;
  if (!canWrite) return true;
  for (const key of keys) if (!(await canWrite(key))) return false;
  return true;
}

/**
 * A group PUT (the local driver's many small files in one body): admitted like a PUT of each
 * member (the owner active, every member's upload open, asked again before anything is stored),
 * then split by the signed sizes, all or nothing.
 */
export async function writeBlobGroup(grant: GroupGrant, body: ByteSource | null, checks: BlobChecks): Promise<void> {
  // Every key of a group lies in one owner's folder (url-token.ts signs them so).
  if (checks.isOwnerActive && !(await checks.isOwnerActive(grant.keys[0]!))) {
    throw new DomainError("forbidden", "This link is no longer valid: its account is disabled.");
  }
  if (!(await canWriteGroup(checks, grant.keys))) throw uploadClosed();
  const members = grant.keys.map((key, i) => ({ key, size: grant.sizes[i]! }));
  const local = getDriver("local") as LocalDriver;
  await local.putGroup(members, body ?? emptyStream(), async () => {
    if (!(await canWriteGroup(checks, grant.keys))) throw uploadClosed();
  });
}
