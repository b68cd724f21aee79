// Usage counters against a recomputation, after random sequences of what users do to files.
import crypto from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteFileRoute } from "@/app/api/files/[id]/handlers";
import { POST as restoreFileRoute } from "@/app/api/files/[id]/restore/handlers";
import { POST as createFolderRoute } from "@/app/api/folders/handlers";
import { DELETE as deleteFolderRoute } from "@/app/api/folders/[id]/handlers";
import { POST as restoreFolderRoute } from "@/app/api/folders/[id]/restore/handlers";
import { DELETE as emptyTrashRoute } from "@/app/api/trash/handlers";
import { POST as bulkRoute } from "@/app/api/files/bulk/handlers";
import { call, newUser } from "@/test/api";
import { uploadFile } from "@/test/files";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

type User = Awaited<ReturnType<typeof newUser>>;

const op = fc.oneof(
  fc.record({ kind: fc.constant("upload" as const), user: fc.nat(2), size: fc.nat(5000), into: fc.nat(9) }),
  fc.record({ kind: fc.constant("mkdir" as const), user: fc.nat(2), into: fc.nat(9) }),
  fc.record({
    kind: fc.constantFrom("trashFile", "restoreFile", "purgeFile", "trashFolder", "restoreFolder", "purgeFolder"),
    user: fc.nat(2),
    pick: fc.nat(30),
  }),
  fc.record({
    kind: fc.constant("bulk" as const),
    user: fc.nat(2),
    action: fc.constantFrom("trash", "restore", "delete"),
    pick: fc.nat(30),
  }),
  fc.record({ kind: fc.constant("emptyTrash" as const), user: fc.nat(2) }),
);

async function recomputed(userId: string) {
  const files = await db.file.findMany({ where: { ownerId: userId, status: "READY" }, select: { size: true } });
  return { usedBytes: files.reduce((sum, f) => sum + Number(f.size), 0), fileCount: files.length, reservedBytes: 0 };
}

async function books(userId: string) {
  const u = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return { usedBytes: Number(u.usedBytes), fileCount: u.fileCount, reservedBytes: Number(u.reservedBytes) };
}

describe("usage counters", () => {
  it("equal a recomputation from the File rows after random uploads, trashes, restores and deletes by several users", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 14 }), async (ops) => {
        run++;
        const users: User[] = [await newUser(), await newUser(), await newUser()];
        const files: string[][] = [[], [], []];
        const folders: string[][] = [[], [], []];
        const statuses: number[] = [];
        for (const o of ops) {
          const user = users[o.user]!;
          // Sometimes a pick lands on another user's id: it must answer 404 and change nothing.
          const pickFrom = (list: string[][], pick: number) => {
            const all = pick % 5 === 4 ? list[(o.user + 1) % 3]! : list[o.user]!;
            return all.length ? all[pick % all.length]! : "missing";
          };
          const mine = folders[o.user]!;
          const folderFor = (into: number) => (into < mine.length ? mine[into] : null);
          let status = 0;
          switch (o.kind) {
            case "upload": {
              const file = await uploadFile(
                user,
                `f${run}-${statuses.length}.bin`,
                new Uint8Array(crypto.randomBytes(o.size)),
                { folderId: folderFor(o.into) },
              ).catch(() => null);
              if (file) files[o.user]!.push(file.id);
              status = file ? 200 : 404;
              break;
            }
            case "mkdir": {
              const res = await call(createFolderRoute, {
                method: "POST",
                token: user.token,
                body: { name: `d${statuses.length}`, parentId: folderFor(o.into) },
              });
              if (res.status === 201) mine.push(res.json.folder.id);
              status = res.status;
              break;
            }
            case "bulk": {
              const res = await call(bulkRoute, {
                method: "POST",
                token: user.token,
                body: { action: o.action, fileIds: [pickFrom(files, o.pick)], folderIds: [] },
              });
              status = res.status;
              break;
            }
            case "emptyTrash":
              status = (await call(emptyTrashRoute, { method: "DELETE", token: user.token })).status;
              break;
            default: {
              const onFile = o.kind.endsWith("File");
              const id = pickFrom(onFile ? files : folders, o.pick);
              const params = { id };
              if (o.kind.startsWith("restore")) {
                status = (
                  await call(onFile ? restoreFileRoute : restoreFolderRoute, {
                    method: "POST",
                    token: user.token,
                    params,
                  })
                ).status;
              } else {
                const path = o.kind.startsWith("purge") ? "/x?permanent=1" : "/x";
                status = (
                  await call(onFile ? deleteFileRoute : deleteFolderRoute, {
                    method: "DELETE",
                    token: user.token,
                    params,
                    path,
                  })
                ).status;
              }
            }
          }
          statuses.push(status);
          expect(status, `${o.kind}`).toBeLessThan(500);
        }
        for (const user of users) expect(await books(user.id)).toEqual(await recomputed(user.id));
      }),
      { numRuns: 12 },
    );
  });
});
