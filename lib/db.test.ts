import { describe, expect, it } from "vitest";
import { createClient, db, dbKind } from "./db";

describe("the database client", () => {
  it("keeps a statement made while another request's transaction is open, when that transaction rolls back", async () => {
    const user = await db.user.create({ data: { email: "tx@example.com" } });
    const failing = db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: "written by the failing transaction" } });
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error("rolls back");
      })
      .catch((error: unknown) => String(error));
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The same kind of statement as the quota reservation, outside any transaction.
    const changed =
      await db.$executeRaw`UPDATE "User" SET "reservedBytes" = "reservedBytes" + 1000 WHERE "id" = ${user.id}`;
    expect(changed).toBe(1);
    expect(await failing).toContain("rolls back");
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.reservedBytes).toBe(1000n);
    expect(after.name).toBeNull();
  });

  it.runIf(dbKind() === "sqlite")(
    "waits for another connection's write lock without blocking the event loop, then runs",
    async () => {
      const other = createClient(); // its own connection, like a second process
      const user = await db.user.create({ data: { email: "lock@example.com" } });
      // A wait that blocked the event loop would let no timer run until the lock came free; a
      // busy machine only delays timers. So: timers ran while it waited (not: how promptly).
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 5);
      try {
        const holder = other.$transaction(async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { name: "first" } });
          await new Promise((resolve) => setTimeout(resolve, 400)); // holds the write lock meanwhile
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const started = performance.now();
        const ticksBefore = ticks;
        await db.$transaction(async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { name: "second" } });
        });
        const ticksWhileWaiting = ticks - ticksBefore;
        await holder;
        expect(performance.now() - started).toBeGreaterThan(250); // it did wait for the lock
        expect(ticksWhileWaiting).toBeGreaterThanOrEqual(3); // and timers kept running while it waited
        expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("second");
      } finally {
        clearInterval(ticker);
        await other.$disconnect();
      }
    },
  );
});
