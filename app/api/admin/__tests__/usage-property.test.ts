// What the admin console shows equals a recomputation from the File and Upload rows, after random
// sequences of uploads (some left open, some refused by a quota the admin just lowered), trashes,
// restores and permanent deletes by several users. lib/files/books.test.ts checks the counters
// themselves; this checks the admin API built on them (rows, totals and keyset paging).
import crypto from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as usageRoute } from "../usage/handlers";
import { PATCH as patchRoute } from "../users/[id]/handlers";
import { POST as createUploadRoute } from "../../uploads/handlers";
import { DELETE as deleteFileRoute } from "../../files/[id]/handlers";
import { POST as restoreFileRoute } from "../../files/[id]/restore/handlers";
import { call, newUser } from "@/test/api";
import type { AdminUserRow, UsageTotals } from "@/lib/schemas/admin";
import { uploadFile } from "@/test/files";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

type User = Awaited<ReturnType<typeof newUser>>;

const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("upload" as const), user: fc.nat(2), size: fc.nat(6000) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("openUpload" as const), user: fc.nat(2), size: fc.nat(6000) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom("trash" as const, "restore" as const, "purge" as const),
      user: fc.nat(2),
      pick: fc.nat(20),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("quota" as const), user: fc.nat(2), quota: fc.option(fc.nat(20_000)) }),
  },
);

/** Every row of the usage listing, walked in pages of two (so the keyset cursor is used). */
async function allRows(admin: User, sort: string) {
  const rows: AdminUserRow[] = [];
  let cursor = "";
  let totals: UsageTotals | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const res = await call(usageRoute, {
      token: admin.token,
      path: `/api/admin/usage?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
    });
    expect(res.status).toBe(200);
    rows.push(...res.json.users);
    totals = res.json.totals;
    if (!res.json.nextCursor) break;
    cursor = res.json.nextCursor;
  }
  return { rows, totals };
}

async function recomputed() {
  const files = await db.file.findMany({ where: { status: "READY" }, select: { ownerId: true, size: true } });
  const uploads = await db.upload.findMany({ select: { ownerId: true, size: true } });
  const byUser = new Map<string, { usedBytes: number; fileCount: number; reservedBytes: number }>();
  const of = (id: string) =>
    byUser.get(id) ?? byUser.set(id, { usedBytes: 0, fileCount: 0, reservedBytes: 0 }).get(id)!;
  for (const f of files) {
    of(f.ownerId).usedBytes += Number(f.size);
    of(f.ownerId).fileCount += 1;
  }
  for (const u of uploads) of(u.ownerId).reservedBytes += Number(u.size);
  return {
    byUser,
    files: files.length,
    usedBytes: files.reduce((s, f) => s + Number(f.size), 0),
    reservedBytes: uploads.reduce((s, u) => s + Number(u.size), 0),
  };
}

describe("the admin usage listing", () => {
  it("equals a recomputation from the rows after random uploads, quota changes, trashes, restores and deletes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        run++;
        await db.user.deleteMany();
        const admin = await newUser({ role: "ADMIN" });
        const users: User[] = [await newUser(), await newUser(), await newUser()];
        const files: string[][] = [[], [], []];
        for (const [step, o] of ops.entries()) {
          const user = users[o.user]!;
          const ids = files[o.user]!;
          const picked = "pick" in o && ids.length ? ids[o.pick % ids.length]! : "missing";
          let status: number;
          if (o.kind === "upload") {
            const file = await uploadFile(
              user,
              `r${run}-${step}.bin`,
              new Uint8Array(crypto.randomBytes(o.size)),
            ).catch((e: Error) => e);
            if (!(file instanceof Error)) ids.push(file.id);
            // The only refusal a valid upload can meet here is the quota.
            else expect(file.message).toMatch(/ 413 /);
            status = file instanceof Error ? 413 : 200;
          } else if (o.kind === "openUpload") {
            status = (
              await call(createUploadRoute, {
                method: "POST",
                token: user.token,
                body: { name: `open${step}.bin`, size: o.size, type: "application/octet-stream" },
              })
            ).status;
            expect([201, 413]).toContain(status);
          } else if (o.kind === "quota") {
            status = (
              await call(patchRoute, {
                method: "PATCH",
                token: admin.token,
                params: { id: user.id },
                body: { quotaBytes: o.quota },
              })
            ).status;
            expect(status).toBe(200);
          } else if (o.kind === "restore") {
            status = (await call(restoreFileRoute, { method: "POST", token: user.token, params: { id: picked } }))
              .status;
          } else {
            const path = o.kind === "purge" ? "/x?permanent=1" : "/x";
            status = (
              await call(deleteFileRoute, { method: "DELETE", token: user.token, params: { id: picked }, path })
            ).status;
            if (o.kind === "purge" && status === 204) ids.splice(ids.indexOf(picked), 1);
          }
          expect(status, o.kind).toBeLessThan(500);
        }

        const truth = await recomputed();
        for (const sort of ["usedBytes", "fileCount", "email"]) {
          const { rows, totals } = await allRows(admin, sort);
          expect(rows.map((r) => r.id).sort()).toEqual([admin, ...users].map((u) => u.id).sort());
          expect(totals).toEqual({
            users: 4,
            files: truth.files,
            usedBytes: truth.usedBytes,
            reservedBytes: truth.reservedBytes,
          });
          for (const row of rows) {
            const expected = truth.byUser.get(row.id) ?? { usedBytes: 0, fileCount: 0, reservedBytes: 0 };
            expect(
              { usedBytes: row.usedBytes, fileCount: row.fileCount, reservedBytes: row.reservedBytes },
              row.email,
            ).toEqual(expected);
          }
        }
      }),
      { numRuns: 10 },
    );
  });
});
