// SQLite, through Prisma's adapter, binds at most 999 parameters per statement: a long list of
// ids (a big subtree, a page of 1,000 folders) goes to the database in slices.
const SLICE = 400;

/** Runs `read` on each slice of `ids` and joins the rows. */
export async function sliced<R>(ids: string[], read: (slice: string[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < ids.length; i += SLICE) rows.push(...(await read(ids.slice(i, i + SLICE))));
  return rows;
}

/** Runs a write (updateMany, deleteMany) on each slice of `ids` and adds up the counts. */
export async function slicedCount(
  ids: string[],
  write: (slice: string[]) => Promise<{ count: number }>,
): Promise<number> {
  let count = 0;
  for (let i = 0; i < ids.length; i += SLICE) count += (await write(ids.slice(i, i + SLICE))).count;
  return count;
}
