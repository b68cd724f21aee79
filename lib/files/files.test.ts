import { describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/files/handlers";
import { GET as fileRoute } from "@/app/api/files/[id]/handlers";
import { PATCH as adminPatch } from "@/app/api/admin/users/[id]/handlers";
import { GET as meRoute } from "@/app/api/me/handlers";
import { GET as healthRoute } from "@/app/api/health/handlers";
import { GET as trashRoute } from "@/app/api/trash/handlers";
import { call, newUser, type Reply } from "@/test/api";
import type { ApiFile, FileList } from "@/lib/schemas/files";
import { db } from "@/lib/db";

/** READY files straight into the database (listing does not touch storage). */
async function seed(ownerId: string, files: { name: string; size: number; createdAt: Date }[]) {
  for (const [i, f] of files.entries()) {
    await db.file.create({
      data: {
        ownerId,
        name: f.name,
        size: BigInt(f.size),
        type: "text/plain",
        storageKey: `${ownerId}/seed${i}-${Math.random()}`,
        driver: "local",
        status: "READY",
        createdAt: f.createdAt,
      },
    });
  }
}

describe("GET /api/files", () => {
  it("pages through every file exactly once in each sort order", async () => {
    const user = await newUser();
    const base = Date.UTC(2026, 0, 1);
    const files = Array.from({ length: 23 }, (_, i) => ({
      name: `file-${String((i * 7) % 23).padStart(2, "0")}.txt`,
      size: (i % 5) * 100, // ties on size, broken by id
      createdAt: new Date(base + (i % 4) * 1000),
    }));
    await seed(user.id, files);
    for (const sort of ["name", "size", "createdAt"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const seen: ApiFile[] = [];
        let cursor: string | null = null;
        do {
          const qs: string = `?sort=${sort}&order=${order}&limit=5${cursor ? `&cursor=${cursor}` : ""}`;
          const res = await call(listRoute, { token: user.token, path: `/api/files${qs}` });
          expect(res.status).toBe(200);
          expect(res.json.items.length).toBeLessThanOrEqual(5);
          seen.push(...res.json.items);
          cursor = res.json.nextCursor;
        } while (cursor);
        expect(new Set(seen.map((f) => f.id)).size).toBe(23);
        const keys = seen.map((f) => (sort === "createdAt" ? Date.parse(f.createdAt) : f[sort]));
        const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(keys).toEqual(order === "asc" ? sorted : sorted.reverse());
      }
    }
  });

  it("searches names across folders, case-insensitively, and hides trashed and pending files", async () => {
    const user = await newUser();
    const folder = await db.folder.create({ data: { ownerId: user.id, name: "Taxes" } });
    await seed(user.id, [{ name: "Invoice March.pdf", size: 1, createdAt: new Date() }]);
    await db.file.create({
      data: {
        ownerId: user.id,
        folderId: folder.id,
        name: "invoice april.pdf",
        size: 1n,
        type: "application/pdf",
        storageKey: `${user.id}/x1`,
        driver: "local",
        status: "READY",
      },
    });
    await db.file.create({
      data: {
        ownerId: user.id,
        name: "invoice trashed.pdf",
        size: 1n,
        type: "application/pdf",
        storageKey: `${user.id}/x2`,
        driver: "local",
        status: "READY",
        deletedAt: new Date(),
      },
    });
    await db.file.create({
      data: {
        ownerId: user.id,
        name: "invoice pending.pdf",
        size: 1n,
        type: "application/pdf",
        storageKey: `${user.id}/x3`,
        driver: "local",
      },
    });
    const res = await call(listRoute, { token: user.token, path: "/api/files?q=INVOICE" });
    expect(res.json.items.map((f: ApiFile) => f.name).sort()).toEqual(["Invoice March.pdf", "invoice april.pdf"]);
    const root = await call(listRoute, { token: user.token, path: "/api/files" });
    expect(root.json.items.map((f: ApiFile) => f.name)).toEqual(["Invoice March.pdf"]);
    expect(root.json.folders).toEqual([
      { id: folder.id, name: "Taxes", parentId: null, createdAt: expect.any(String), shared: false },
    ]);
    const inFolder = await call(listRoute, { token: user.token, path: `/api/files?folderId=${folder.id}` });
    expect(inFolder.json.items.map((f: ApiFile) => f.name)).toEqual(["invoice april.pdf"]);
  });

  it("reads % and _ in a search as themselves, not as wildcards, across pages", async () => {
    const user = await newUser();
    const names = [
      "100% done.txt",
      "abc.txt",
      "a_c.txt",
      "a%c.txt",
      ...Array.from({ length: 250 }, (_, i) => `filler ${i}.txt`),
      "50% off.pdf",
    ];
    await seed(
      user.id,
      names.map((name) => ({ name, size: 1, createdAt: new Date() })),
    );
    const search = async (q: string, extra = ""): Promise<FileList> =>
      (await call(listRoute, { token: user.token, path: `/api/files?q=${encodeURIComponent(q)}${extra}` })).json;
    expect((await search("%")).items.map((f) => f.name).sort()).toEqual(["100% done.txt", "50% off.pdf", "a%c.txt"]);
    expect((await search("a_c")).items.map((f) => f.name)).toEqual(["a_c.txt"]);
    // One per page: the cursor carries on past the rows that only LIKE matched.
    const first = await search("%", "&limit=1&sort=name");
    const second = await search("%", `&limit=1&sort=name&cursor=${first.nextCursor}`);
    const third = await search("%", `&limit=1&sort=name&cursor=${second.nextCursor}`);
    // By name as people read it: 50 before 100.
    expect([first, second, third].map((r) => r.items[0].name)).toEqual(["50% off.pdf", "100% done.txt", "a%c.txt"]);
    expect(third.nextCursor).toBeNull();
  });

  it("ignores case beyond ASCII too (SQLite's LIKE does not), across pages", async () => {
    const user = await newUser();
    const names = [
      "ÄPFEL.txt",
      "äpfel klein.txt",
      "Apfel.txt",
      "ПРИВЕТ.txt",
      "привет мир.txt",
      "日本.txt",
      ...Array.from({ length: 230 }, (_, i) => `pfel filler ${i}.txt`),
    ];
    await seed(
      user.id,
      names.map((name) => ({ name, size: 1, createdAt: new Date() })),
    );
    const search = async (q: string) => {
      const found: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Reply = await call(listRoute, {
          token: user.token,
          path: `/api/files?q=${encodeURIComponent(q)}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        });
        found.push(...res.json.items.map((f: ApiFile) => f.name));
        cursor = res.json.nextCursor;
      } while (cursor);
      return found.sort();
    };
    expect(await search("äpfel")).toEqual(["ÄPFEL.txt", "äpfel klein.txt"]);
    expect(await search("Привет")).toEqual(["ПРИВЕТ.txt", "привет мир.txt"]);
    expect(await search("日本")).toEqual(["日本.txt"]);
  });

  it("treats empty parameters as absent, as API.md writes them", async () => {
    const user = await newUser();
    await seed(user.id, [{ name: "one.txt", size: 1, createdAt: new Date() }]);
    const res = await call(listRoute, {
      token: user.token,
      path: "/api/files?folderId=&q=&sort=&order=&cursor=&limit=",
    });
    expect(res.status).toBe(200);
    expect(res.json.items.map((f: ApiFile) => f.name)).toEqual(["one.txt"]);
  });

  it("answers 400 for bad parameters and 404 for another user's folder or file", async () => {
    const alice = await newUser();
    const bob = await newUser();
    for (const qs of ["limit=0", "limit=501", "sort=owner", "order=sideways", "cursor=garbage"]) {
      const res = await call(listRoute, { token: alice.token, path: `/api/files?${qs}` });
      expect(res.status, qs).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
    }
    const bobsFolder = await db.folder.create({ data: { ownerId: bob.id, name: "Private" } });
    expect((await call(listRoute, { token: alice.token, path: `/api/files?folderId=${bobsFolder.id}` })).status).toBe(
      404,
    );
    await seed(bob.id, [{ name: "secret.txt", size: 5, createdAt: new Date() }]);
    const bobsFile = await db.file.findFirstOrThrow({ where: { ownerId: bob.id } });
    expect((await call(fileRoute, { token: alice.token, params: { id: bobsFile.id } })).status).toBe(404);
    const own = await call(fileRoute, { token: bob.token, params: { id: bobsFile.id } });
    expect(own.json.file).toEqual({
      id: bobsFile.id,
      name: "secret.txt",
      size: 5,
      type: "text/plain",
      folderId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      deletedAt: null,
      hasThumbnail: false,
      hasPreview: false,
      media: null,
      missingAt: null,
      shared: false,
    });
  });
});

describe("GET /api/trash", () => {
  it("pages through the trash newest first, each entry once, ties on the time broken by id", async () => {
    const user = await newUser();
    const at = (i: number) => new Date(Date.UTC(2026, 5, 1, 0, 0, Math.floor(i / 2))); // pairs share a second
    for (let i = 0; i < 9; i++) {
      const file = await db.file.create({
        data: {
          ownerId: user.id,
          name: `t${i}.txt`,
          size: 1n,
          type: "text/plain",
          storageKey: `${user.id}/t${i}`,
          driver: "local",
          status: "READY",
          deletedAt: at(i),
        },
      });
      await db.file.update({ where: { id: file.id }, data: { trashGroup: file.id } });
    }
    await seed(user.id, [{ name: "live.txt", size: 1, createdAt: new Date() }]);
    const seen: ApiFile[] = [];
    let cursor: string | null = null;
    do {
      const res: Reply = await call(trashRoute, {
        token: user.token,
        path: `/api/trash?limit=4${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(res.status).toBe(200);
      seen.push(...res.json.items);
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen.map((f) => f.name).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `t${i}.txt`));
    const times = seen.map((f) => Date.parse(f.deletedAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await call(trashRoute, { token: user.token, path: "/api/trash?cursor=nope" })).status).toBe(400);
  });
});

describe("PATCH /api/admin/users/{id}", () => {
  it("lets an admin set and clear a user's quota; others get 403", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    const set = await call(adminPatch, {
      method: "PATCH",
      token: admin.token,
      params: { id: user.id },
      body: { quotaBytes: 5000 },
    });
    expect(set.status).toBe(200);
    expect(set.json.user).toMatchObject({ id: user.id, quotaBytes: 5000, usedBytes: 0, disabled: false });
    expect((await call(meRoute, { token: user.token })).json.usage.quotaBytes).toBe(5000);
    const cleared = await call(adminPatch, {
      method: "PATCH",
      token: admin.token,
      params: { id: user.id },
      body: { quotaBytes: null },
    });
    expect(cleared.json.user.quotaBytes).toBe(10 * 1024 ** 3);
    const forbidden = await call(adminPatch, {
      method: "PATCH",
      token: user.token,
      params: { id: admin.id },
      body: { quotaBytes: 1 },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe("forbidden");
    expect(
      (
        await call(adminPatch, {
          method: "PATCH",
          token: admin.token,
          params: { id: user.id },
          body: { quotaBytes: -1 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(adminPatch, {
          method: "PATCH",
          token: admin.token,
          params: { id: "nobody" },
          body: { quotaBytes: 1 },
        })
      ).status,
    ).toBe(404);
  });

  it("disables a user, who then cannot use their tokens", async () => {
    const admin = await newUser({ role: "ADMIN" });
    const user = await newUser();
    await call(adminPatch, { method: "PATCH", token: admin.token, params: { id: user.id }, body: { disabled: true } });
    expect((await call(meRoute, { token: user.token })).status).toBe(401);
    const self = await call(adminPatch, {
      method: "PATCH",
      token: admin.token,
      params: { id: admin.id },
      body: { disabled: true },
    });
    expect(self.status).toBe(409);
  });
});

describe("GET /api/health", () => {
  it("reports the database and the local storage driver, with no secrets", async () => {
    const res = await healthRoute();
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ ok: true, db: "ok", storage: { driver: "local", ok: true } });
    // Which database answered, and how long one round trip took.
    const kind = process.env.DATABASE_URL!.startsWith("file:") ? "sqlite" : "postgresql";
    expect(body.database.kind).toBe(kind);
    expect(body.database.roundTripMs).toBeGreaterThan(0);
    expect(body.database.roundTripMs).toBeLessThan(5000);
    expect(JSON.stringify(body)).not.toContain(process.env.AUTH_SECRET!);
    expect(JSON.stringify(body)).not.toContain(process.env.DATABASE_URL!);
  });
});
