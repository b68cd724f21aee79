// The admin storage overview's storage-operations parts: missing files per driver, the mirror's
// backlog and each driver's last reconciliation (issue 10, item 4).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { forgetDriverFigures } from "@/lib/admin/insights";
import { getDriver } from "@/lib/storage";
import { reconcile } from "@/lib/storage-ops/reconcile";
import { call, newUser } from "@/test/api";
import { uploadFile } from "@/test/files";
import { GET as storageRoute } from "../storage/handlers";

describe("GET /api/admin/storage", () => {
  it("says when a driver was never reconciled and the mirror has nothing waiting", async () => {
    const admin = await newUser({ role: "ADMIN" });
    forgetDriverFigures();
    const res = await call(storageRoute, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.json.mirror).toEqual({ driver: null, backlog: 0, retrying: 0, oldestWaitingSince: null });
    expect(res.json.reconciliation).toEqual([
      { driver: "local", lastRun: null },
      { driver: "s3", lastRun: null },
    ]);
  });

  it("counts missing files, the mirror backlog, and shows the last reconciliation's findings", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    const kept = await uploadFile(user, "kept.txt", new Uint8Array(5));
    const lost = await uploadFile(user, "lost.txt", new Uint8Array(7));
    const { storageKey } = await db.file.findUniqueOrThrow({ where: { id: lost.id } });
    await getDriver("local").delete(storageKey);
    await reconcile({ driver: "local" }); // a report: marks nothing
    await reconcile({ driver: "local", fix: true });
    const waitingSince = new Date("2026-11-30T09:00:00Z");
    await db.mirrorJob.create({ data: { fileId: kept.id, createdAt: waitingSince, attempts: 2 } });
    await db.mirrorJob.create({ data: { fileId: lost.id } });

    forgetDriverFigures();
    const res = await call(storageRoute, { token: admin.token });
    expect(res.json.drivers[0]).toMatchObject({ driver: "local", files: 2, missing: 1 });
    expect(res.json.mirror).toEqual({
      driver: null,
      backlog: 2,
      retrying: 1,
      oldestWaitingSince: waitingSince.toISOString(),
    });
    const local = res.json.reconciliation.find((r: { driver: string }) => r.driver === "local").lastRun;
    expect(local).toMatchObject({
      driver: "local",
      fixed: true,
      counts: { missing: 1, orphans: 0 },
      fixes: { markedMissing: 1 },
      sample: { missing: [{ fileId: lost.id, key: storageKey, size: 7 }] },
    });
  });
});
