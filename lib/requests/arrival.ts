// In the transaction that completes a visitor's upload: one more arrival for the owner's badge (the
// upload's own audit event, `file.upload` via `request:<id>`, is the log entry).
import type { Prisma } from "../db";

export async function noteArrival(tx: Prisma.TransactionClient, requestId: string) {
  await tx.fileRequest.updateMany({ where: { id: requestId }, data: { unseenCount: { increment: 1 } } });
}
