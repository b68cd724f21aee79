// The data step of the migration that added `sortName` to File and Folder (…_natural_name_sort):
// SQL on neither database can compute the key (Unicode folding, numbers by value), so the rows that
// existed before it get theirs here, in batches, through the migration's own connection and lock.
// lib/db-migrate.ts runs it after that migration's script and before recording it as applied.
import { nameSortKey } from "../files/sort-key";
import type { Target } from "./migration-targets";

export const SORT_NAME_MIGRATION = /_natural_name_sort$/;
const BATCH = 500;

/** Fills every empty `sortName` of `table`; answers how many rows it filled. */
async function fill(target: Target, table: "File" | "Folder"): Promise<number> {
  let filled = 0;
  let after = "";
  for (;;) {
    // In id order from the last row seen: a name whose key is empty (only combining marks) is not read again.
    const rows = await target.query<{ id: string; name: string }>(
      `SELECT "id", "name" FROM "${table}" WHERE "sortName" = '' AND "id" > ? ORDER BY "id" LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return filled;
    await target.query("BEGIN");
    try {
      for (const row of rows) {
        await target.query(`UPDATE "${table}" SET "sortName" = ? WHERE "id" = ?`, [nameSortKey(row.name), row.id]);
      }
      await target.query("COMMIT");
    } catch (error) {
      await target.query("ROLLBACK");
      throw error;
    }
    filled += rows.length;
    after = rows.at(-1)!.id;
  }
}

export async function backfillSortNames(target: Target): Promise<number> {
  return (await fill(target, "Folder")) + (await fill(target, "File"));
}
