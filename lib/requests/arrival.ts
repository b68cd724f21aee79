// A visitor's file arrived through a file request. In the transaction that completes it: one more
// arrival on the owner's badge (the upload's own audit event, `file.upload` via `request:<id>`, is
// the log entry). After it: with mail configured, the owner is told when files start arriving, once
// per look (the first arrival since the badge was last cleared), not once per file.
import { db, type Prisma } from "../db";
import { env } from "../env";
import { mailConfigured, sendMail } from "../mail";
import { log } from "../log";

/** Counts the arrival; true when it is the first since the owner last looked (the badge was 0). */
export async function noteArrival(tx: Prisma.TransactionClient, requestId: string): Promise<boolean> {
  const first = await tx.fileRequest.updateMany({ where: { id: requestId, unseenCount: 0 }, data: { unseenCount: 1 } });
  if (first.count === 1) return true;
  await tx.fileRequest.updateMany({ where: { id: requestId }, data: { unseenCount: { increment: 1 } } });
  return false;
}

/**
 * A visitor's upload ended without a file (aborted, expired and swept, or refused at complete): in
 * the transaction that discards it, the slot of the request's "maximum files" it took at create
 * (visit.ts takeSlot) is given back, so an abandoned upload cannot hold it forever.
 */
export async function releaseSlot(tx: Prisma.TransactionClient, requestId: string): Promise<void> {
  await tx.fileRequest.updateMany({
    where: { id: requestId, fileCount: { gt: 0 } },
    data: { fileCount: { decrement: 1 } },
  });
}

/** Mails the request's owner that files are arriving (never throws: the visitor's upload is done). */
export async function mailArrivals(requestId: string): Promise<void> {
  if (!mailConfigured()) return;
  try {
    const request = await db.fileRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { ownerId: true, folder: { select: { id: true, name: true } } },
    });
    const owner = await db.user.findUniqueOrThrow({ where: { id: request.ownerId }, select: { email: true } });
    await sendMail({
      to: owner.email,
      subject: `New files in “${request.folder.name}”`,
      text: [
        `Someone is sending files to “${request.folder.name}” through your file request.`,
        "",
        `See them: ${env().APP_URL}/files/${request.folder.id}`,
        "",
        "You will hear again when more arrive after you have looked.",
      ].join("\n"),
    });
  } catch (error) {
    log.warn("file request: arrival mail not sent", { error: String((error as Error)?.message ?? error) });
  }
}
