// Signed URLs a link hands out (downloads, previews) name the link and the file in their scope,
// `share:<share id>:<file id>`. The app-served blob endpoint (lib/http/blob-endpoint.ts) asks
// `isShareScopeLive` on every request made with such a URL, so revoking the link, trashing or
// deleting the file, or disabling its owner ends every URL the link handed out at once, by the
// same rules the gate applies (gate.ts). A bucket's presigned URL cannot be asked: it lives out
// its short life (lib/shares/download.ts keeps it short; README, Security).
import { db } from "../db";
import { DomainError } from "../errors";
import { findFile } from "../files/access";
import { openShare, shareActor } from "./gate";

const SCOPE = /^share:([^:]+):([^:]+)$/;

export const shareScope = (shareId: string, fileId: string) => `share:${shareId}:${fileId}`;

/** Whether a URL handed out under `scope` may still be used (an unknown scope may not). */
export async function isShareScopeLive(scope: string, now = new Date()): Promise<boolean> {
  const [, shareId, fileId] = SCOPE.exec(scope) ?? [];
  if (!shareId || !fileId) return false;
  const share = await db.share.findUnique({ where: { id: shareId } });
  if (!share) return false;
  try {
    // The download that handed the URL out may have used the link up: that does not end the URL.
    const target = await openShare(share, now, true);
    await findFile(await shareActor(share, target), fileId);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}
