// How much the trash holds: what emptying it would free (the files and their renditions, all of
// which still count toward the quota). Summed over the trashed rows only, through the
// (ownerId, trashGroup) index: the work grows with the trash, not with the account.
import { db } from "../db";
import { fileScope, userActor } from "./access";

/** The bytes in `userId`'s own trash. */
export async function trashedBytes(userId: string): Promise<number> {
  const owner = userActor(userId);
  const { _sum: sum } = await db.file.aggregate({
    where: { AND: [fileScope(owner, "trashed"), { trashGroup: { not: null } }] },
    _sum: { size: true, thumbnailBytes: true, previewBytes: true },
  });
  return Number(sum.size ?? 0n) + (sum.thumbnailBytes ?? 0) + (sum.previewBytes ?? 0);
}
