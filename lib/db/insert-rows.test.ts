// Raw multi-row INSERTs (issue 24) write rows Prisma reads back exactly as if it had written them
// itself, on SQLite and (TEST_DATABASE_URL) PostgreSQL: the same timestamps (SQLite stores them as
// text and compares them as text), sizes, defaults and sort keys, split under the parameter limit.
import { describe, expect, it } from "vitest";
import { newUser } from "@/test/api";
import { db, dbKind } from "@/lib/db";
import { nameSortKey } from "@/lib/files/sort-key";
import { insertRows, MAX_PARAMETERS, newRowId } from "./insert-rows";

const fileRow = (ownerId: string, name: string, at: Date) => ({
  id: newRowId(),
  ownerId,
  folderId: null,
  name,
  size: 5_000_000_000n,
  type: "text/plain",
  storageKey: `${ownerId}/${newRowId()}`,
  driver: "local",
  createdAt: at,
  updatedAt: at,
});

describe("insertRows", () => {
  it("writes File rows that read back as Prisma's own: dates, big sizes, defaults, the sort key", async () => {
    const user = await newUser();
    const at = new Date("2026-12-06T18:00:00.123Z");
    const byPrisma = await db.file.create({
      data: { ...fileRow(user.id, "Report 10.txt", at), id: undefined },
      select: { id: true },
    });
    const raw = fileRow(user.id, "Report 9.txt", at);
    expect(await db.$transaction((tx) => insertRows(tx, "File", [raw]))).toBe(1);

    const read = await db.file.findUniqueOrThrow({ where: { id: raw.id } });
    expect(read).toMatchObject({
      name: "Report 9.txt",
      sortName: nameSortKey("Report 9.txt"),
      size: 5_000_000_000n,
      status: "PENDING",
      deletedAt: null,
    });
    expect(read.createdAt.toISOString()).toBe(at.toISOString());
    expect(read.updatedAt.toISOString()).toBe(at.toISOString());
    // Stored in the very form Prisma stores: SQLite compares timestamps as text.
    const stored = await db.$queryRaw<{ id: string; at: string }[]>`
      SELECT "id", CAST("createdAt" AS TEXT) AS "at" FROM "File" WHERE "ownerId" = ${user.id} ORDER BY "sortName"`;
    expect(stored.map((r) => r.id)).toEqual([raw.id, byPrisma.id]); // 9 before 10: the natural sort key
    expect(stored[0]!.at).toBe(stored[1]!.at);
    // Found by the filters listings use.
    expect(await db.file.count({ where: { ownerId: user.id, createdAt: { gte: at, lte: at } } })).toBe(2);
  });

  it("splits many rows into statements under the parameter limit, all or none in the transaction", async () => {
    const user = await newUser();
    const at = new Date();
    const rows = Array.from({ length: 25 }, (_, i) => fileRow(user.id, `f${i}.txt`, at));
    let statements = 0;
    const counted = await db.$transaction((tx) =>
      insertRows(
        {
          $executeRaw: ((...args: Parameters<typeof tx.$executeRaw>) => (
            statements++,
            tx.$executeRaw(...args)
          )) as typeof tx.$executeRaw,
        },
        "File",
        rows,
        12 * 10, // ten rows of 12 columns (the sort key added) per statement
      ),
    );
    expect(counted).toBe(25);
    expect(statements).toBe(3);
    expect(await db.file.count({ where: { ownerId: user.id } })).toBe(25);

    // A clash in the last statement (a storage key taken) undoes the earlier ones with the transaction.
    const again = Array.from({ length: 25 }, (_, i) => fileRow(user.id, `g${i}.txt`, at));
    again[24]!.storageKey = rows[0]!.storageKey;
    await expect(db.$transaction((tx) => insertRows(tx, "File", again, 120))).rejects.toMatchObject({ code: "P2010" });
    expect(await db.file.count({ where: { ownerId: user.id } })).toBe(25);
  });

  it(`takes more rows than one statement may bind (${MAX_PARAMETERS} parameters) on ${dbKind()}`, async () => {
    const user = await newUser();
    const at = new Date();
    const rows = Array.from({ length: 3_000 }, (_, i) => fileRow(user.id, `many ${i}.bin`, at)); // 36,000 values
    expect(await db.$transaction((tx) => insertRows(tx, "File", rows))).toBe(3_000);
    expect(await db.file.count({ where: { ownerId: user.id } })).toBe(3_000);
  });

  it("makes ids shaped like cuid(), unique, later ones sorting later", () => {
    const ids = Array.from({ length: 10_000 }, () => newRowId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    const later = newRowId();
    expect(later.slice(0, 9) >= ids[0]!.slice(0, 9)).toBe(true);
  });

  it("refuses a table or column name that is not a plain identifier", async () => {
    await expect(db.$transaction((tx) => insertRows(tx, 'File"; DROP TABLE "File', [{ id: "x" }]))).rejects.toThrow(
      /not an identifier/,
    );
  });
});
