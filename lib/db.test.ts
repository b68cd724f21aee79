import { describe, expect, it } from "vitest";
import { db } from "./db";

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
});
