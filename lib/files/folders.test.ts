import { describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/folders/handlers";
import { GET as getRoute, PATCH as patchRoute, DELETE as deleteRoute } from "@/app/api/folders/[id]/handlers";
import { POST as restoreRoute } from "@/app/api/folders/[id]/restore/handlers";
import { GET as treeRoute } from "@/app/api/folders/tree/handlers";
import { POST as ensureRoute } from "@/app/api/folders/ensure/handlers";
import { GET as listRoute } from "@/app/api/files/handlers";
import { PATCH as patchFileRoute } from "@/app/api/files/[id]/handlers";
import { call, newUser, type Reply } from "@/test/api";
import type { ApiFile, ApiFolder, FileList, PathEntry } from "@/lib/schemas/files";
import { db } from "@/lib/db";

type User = Awaited<ReturnType<typeof newUser>>;

async function mkdir(user: User, name: string, parentId?: string | null) {
  const res = await call(createRoute, { method: "POST", token: user.token, body: { name, parentId } });
  expect(res.status, res.text).toBe(201);
  return res.json.folder as { id: string; name: string; parentId: string | null };
}

const seedFile = (ownerId: string, name: string, folderId: string | null = null) =>
  db.file.create({
    data: {
      ownerId,
      folderId,
      name,
      size: 1n,
      type: "text/plain",
      storageKey: `${ownerId}/${Math.random()}`.replace(".", ""),
      driver: "local",
      status: "READY",
    },
  });

describe("folders", () => {
  it("creates nested folders and answers each with its path from the root", async () => {
    const user = await newUser();
    const a = await mkdir(user, "Photos");
    const b = await mkdir(user, "2026", a.id);
    const c = await mkdir(user, "Summer", b.id);
    expect(c).toMatchObject({ name: "Summer", parentId: b.id, shared: false });
    const got = await call(getRoute, { token: user.token, params: { id: c.id } });
    expect(got.status).toBe(200);
    expect(got.json.path).toEqual([
      { id: a.id, name: "Photos" },
      { id: b.id, name: "2026" },
      { id: c.id, name: "Summer" },
    ]);
    const tree = await call(treeRoute, { token: user.token });
    expect(tree.json.folders).toEqual(
      expect.arrayContaining([
        { id: a.id, name: "Photos", parentId: null },
        { id: c.id, name: "Summer", parentId: b.id },
      ]),
    );
    expect(tree.json.folders).toHaveLength(3);
  });

  it("keeps live names unique per parent, the root included, also for two creates at once", async () => {
    const user = await newUser();
    const both = await Promise.all(
      [0, 1].map(() => call(createRoute, { method: "POST", token: user.token, body: { name: "Docs" } })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.json.error).toEqual({
      code: "conflict",
      message: 'A folder named "Docs" already exists here.',
      field: "name", // API.md: a 409 about one input names it, so the form shows it beside the name
    });
    expect(await db.folder.count({ where: { ownerId: user.id, name: "Docs" } })).toBe(1);
    const parent = both.find((r) => r.status === 201)!.json.folder;
    const inside = await Promise.all(
      [0, 1].map(() =>
        call(createRoute, { method: "POST", token: user.token, body: { name: "x", parentId: parent.id } }),
      ),
    );
    expect(inside.map((r) => r.status).sort()).toEqual([201, 409]);
    // Another user, or a trashed folder of the same name, does not stand in the way.
    await mkdir(await newUser(), "Docs");
    expect((await call(deleteRoute, { method: "DELETE", token: user.token, params: { id: parent.id } })).status).toBe(
      204,
    );
    await mkdir(user, "Docs");
  });

  it("renames and moves, refusing a move into itself or below itself, a clash, and other users' folders", async () => {
    const user = await newUser();
    const other = await newUser();
    const a = await mkdir(user, "A");
    const b = await mkdir(user, "B", a.id);
    const c = await mkdir(user, "C", b.id);
    const patch = (id: string, body: object, who = user) =>
      call(patchRoute, { method: "PATCH", token: who.token, params: { id }, body });
    for (const target of [a.id, b.id, c.id]) {
      const res = await patch(a.id, { parentId: target });
      expect(res.status, target).toBe(409);
      expect(res.json.error.message).toMatch(/into itself or one of its subfolders/);
    }
    const moved = await patch(c.id, { parentId: null });
    expect(moved.status).toBe(200);
    expect(moved.json.folder).toMatchObject({ id: c.id, parentId: null });
    const renamed = await patch(c.id, { name: "A" });
    expect(renamed.status).toBe(409);
    expect(renamed.json.error.field).toBe("name");
    await mkdir(user, "C", b.id);
    const movedIntoClash = await patch(c.id, { parentId: b.id });
    expect(movedIntoClash.status).toBe(409);
    expect(movedIntoClash.json.error.field).toBe("parentId");
    expect((await patch(b.id, { parentId: null, name: "B2" })).json.folder).toMatchObject({
      name: "B2",
      parentId: null,
    });
    const theirs = await mkdir(other, "Theirs");
    expect((await patch(a.id, { parentId: theirs.id })).status).toBe(404);
    expect((await patch(theirs.id, { name: "Mine" })).status).toBe(404);
    expect((await patch(a.id, {})).status).toBe(400);
    expect((await patch(a.id, { name: "a/b" })).status).toBe(400);
  });

  it("ensures a dropped structure: creates what is missing and reuses what exists", async () => {
    const user = await newUser();
    const existing = await mkdir(user, "Trip");
    const first = await call(ensureRoute, {
      method: "POST",
      token: user.token,
      body: { path: ["Trip", "Day 1", "raw"] },
    });
    expect(first.status).toBe(200);
    const got = await call(getRoute, { token: user.token, params: { id: first.json.folder.id } });
    expect(got.json.path.map((p: PathEntry) => p.name)).toEqual(["Trip", "Day 1", "raw"]);
    expect(got.json.path[0].id).toBe(existing.id);
    const again = await Promise.all(
      [0, 1].map(() =>
        call(ensureRoute, { method: "POST", token: user.token, body: { parentId: existing.id, path: ["Day 2"] } }),
      ),
    );
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(again[0]!.json.folder.id).toBe(again[1]!.json.folder.id);
    expect(await db.folder.count({ where: { ownerId: user.id } })).toBe(4);
  });

  it("lists folders first, sorted like the files, and finds files and folders with their paths", async () => {
    const user = await newUser();
    const work = await mkdir(user, "Work");
    const reports = await mkdir(user, "Reports 2026", work.id);
    await mkdir(user, "archive");
    await seedFile(user.id, "report.txt");
    const deep = await seedFile(user.id, "Q1 REPORT.pdf", reports.id);
    const root = await call(listRoute, { token: user.token, path: "/api/files?sort=name&order=desc" });
    // Case-insensitive: "Work" after "archive", so first in descending order.
    expect(root.json.folders.map((f: ApiFolder) => f.name)).toEqual(["Work", "archive"]);
    expect(root.json.items.map((f: ApiFile) => f.name)).toEqual(["report.txt"]);
    const hits = await call(listRoute, { token: user.token, path: "/api/files?q=report" });
    expect(hits.json.folders).toEqual([
      expect.objectContaining({ id: reports.id, path: [{ id: work.id, name: "Work" }] }),
    ]);
    expect(hits.json.items.map((f: ApiFile) => [f.name, f.path])).toEqual([
      [
        "Q1 REPORT.pdf",
        [
          { id: work.id, name: "Work" },
          { id: reports.id, name: "Reports 2026" },
        ],
      ],
      ["report.txt", []],
    ]);
    expect(hits.json.items.find((f: ApiFile) => f.id === deep.id)).toMatchObject({
      hasThumbnail: false,
      hasPreview: false,
      media: null,
      shared: false,
    });
  });

  it("pages every row exactly once in every sort and order while files are added in between", async () => {
    const user = await newUser();
    const folder = await mkdir(user, "Busy");
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 30; i++) {
      await db.file.create({
        data: {
          ownerId: user.id,
          folderId: folder.id,
          name: `f${(i * 11) % 30}`,
          size: BigInt(i % 4),
          type: "text/plain",
          storageKey: `${user.id}/p${i}`,
          driver: "local",
          status: "READY",
          createdAt: new Date(base + (i % 3) * 1000),
        },
      });
    }
    await mkdir(user, "sub b", folder.id);
    await mkdir(user, "sub a", folder.id);
    let added = 0;
    for (const sort of ["name", "size", "createdAt"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const before = new Set(
          (await db.file.findMany({ where: { folderId: folder.id }, select: { id: true } })).map((f) => f.id),
        );
        const seen: string[] = [];
        const folders: string[] = [];
        let cursor: string | null = null;
        do {
          const res: Reply = await call(listRoute, {
            token: user.token,
            path: `/api/files?folderId=${folder.id}&sort=${sort}&order=${order}&limit=4${cursor ? `&cursor=${cursor}` : ""}`,
          });
          expect(res.status).toBe(200);
          seen.push(...res.json.items.map((f: ApiFile) => f.id));
          folders.push(...res.json.folders.map((f: ApiFolder) => f.name));
          cursor = res.json.nextCursor;
          // A new file between pages, somewhere in the middle of every order.
          await db.file.create({
            data: {
              ownerId: user.id,
              folderId: folder.id,
              name: `f1${added}`,
              size: 1n,
              type: "text/plain",
              storageKey: `${user.id}/new${added++}`,
              driver: "local",
              status: "READY",
              createdAt: new Date(base + 1000),
            },
          });
        } while (cursor);
        expect(new Set(seen).size, `${sort} ${order}`).toBe(seen.length);
        for (const id of before) expect(seen).toContain(id);
        // By name (and by size, which folders do not have): a, b; by creation: b was made first.
        const ascending = sort === "createdAt" ? ["sub b", "sub a"] : ["sub a", "sub b"];
        expect(folders).toEqual(sort === "size" || order === "asc" ? ascending : [...ascending].reverse());
      }
    }
  });

  it("pages past the first page of folders when a folder holds very many", async () => {
    const user = await newUser();
    await db.folder.createMany({
      data: Array.from({ length: 1003 }, (_, i) => ({ ownerId: user.id, name: `d${String(i).padStart(4, "0")}` })),
    });
    await seedFile(user.id, "only.txt");
    const first = await call(listRoute, { token: user.token, path: "/api/files?limit=10" });
    expect(first.status, first.text).toBe(200);
    expect(first.json.folders).toHaveLength(1000);
    expect(first.json.items).toHaveLength(0);
    const second = await call(listRoute, {
      token: user.token,
      path: `/api/files?limit=10&cursor=${first.json.nextCursor}`,
    });
    expect(second.json.folders.map((f: ApiFolder) => f.name)).toEqual(["d1000", "d1001", "d1002"]);
    expect(second.json.items.map((f: ApiFile) => f.name)).toEqual(["only.txt"]);
    expect(second.json.nextCursor).toBeNull();
  });

  it("renames and moves files; a clash in the target answers 409, another user's folder 404", async () => {
    const user = await newUser();
    const other = await newUser();
    const dir = await mkdir(user, "dir");
    const a = await seedFile(user.id, "a.txt");
    await seedFile(user.id, "b.txt", dir.id);
    const patch = (body: object) =>
      call(patchFileRoute, { method: "PATCH", token: user.token, params: { id: a.id }, body });
    expect((await patch({ name: "c.txt" })).json.file).toMatchObject({ name: "c.txt", folderId: null });
    expect((await patch({ folderId: dir.id })).json.file).toMatchObject({ name: "c.txt", folderId: dir.id });
    const clash = await patch({ name: "b.txt" });
    expect(clash.status).toBe(409);
    expect(clash.json.error.message).toBe('A file named "b.txt" already exists here.');
    expect(clash.json.error.field).toBe("name");
    expect((await patch({ folderId: null })).json.file.folderId).toBeNull();
    expect((await patch({ folderId: (await mkdir(other, "x")).id })).status).toBe(404);
    expect(
      (
        await call(patchFileRoute, {
          method: "PATCH",
          token: other.token,
          params: { id: a.id },
          body: { name: "mine" },
        })
      ).status,
    ).toBe(404);
  });

  it("marks files and folders with an active share link as shared (not revoked or expired ones)", async () => {
    const user = await newUser();
    const dir = await mkdir(user, "Shared dir");
    const [active, revoked, expired] = await Promise.all(
      ["active.txt", "revoked.txt", "expired.txt", "plain.txt"].map((n) => seedFile(user.id, n)),
    );
    const share = (data: object) =>
      db.share.create({
        data: { ownerId: user.id, tokenHash: `${Math.random()}`, expiresAt: new Date(Date.now() + 60_000), ...data },
      });
    await share({ fileId: active!.id });
    await share({ fileId: revoked!.id, revokedAt: new Date() });
    await share({ fileId: expired!.id, expiresAt: new Date(Date.now() - 1000) });
    await share({ folderId: dir.id });
    const list: FileList = (await call(listRoute, { token: user.token })).json;
    expect(Object.fromEntries(list.items.map((f) => [f.name, f.shared]))).toEqual({
      "active.txt": true,
      "expired.txt": false,
      "plain.txt": false,
      "revoked.txt": false,
    });
    expect(list.folders).toEqual([expect.objectContaining({ id: dir.id, shared: true })]);
  });

  it("writes an audit event with each change", async () => {
    const user = await newUser();
    const dir = await mkdir(user, "Audited");
    await call(patchRoute, { method: "PATCH", token: user.token, params: { id: dir.id }, body: { name: "Renamed" } });
    await call(deleteRoute, { method: "DELETE", token: user.token, params: { id: dir.id } });
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, target: dir.id } });
    expect(events.map((e) => e.action).sort()).toEqual(["folder.create", "folder.rename", "folder.trash"]);
    expect(JSON.parse(events.find((e) => e.action === "folder.rename")!.details!)).toMatchObject({
      from: { name: "Audited" },
      to: { name: "Renamed" },
    });
  });

  it('restores a folder into a parent that now has that name as "name (1)"', async () => {
    const user = await newUser();
    const first = await mkdir(user, "Notes");
    await call(deleteRoute, { method: "DELETE", token: user.token, params: { id: first.id } });
    await mkdir(user, "Notes");
    const restored = await call(restoreRoute, { method: "POST", token: user.token, params: { id: first.id } });
    expect(restored.status).toBe(200);
    expect(restored.json.folder).toMatchObject({ id: first.id, name: "Notes (1)", parentId: null });
  });
});
