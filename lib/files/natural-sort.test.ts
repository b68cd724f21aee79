// Listing by name sorts as people read names (lib/files/sort-key.ts), in the database, through every
// page of a keyset listing; the key follows renames, moves and uploads made through the API. Runs
// on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
import { describe, expect, it } from "vitest";
import { dispatch, newUser } from "@/test/api";
import { db } from "@/lib/db";
import { nameSortKey } from "./sort-key";

type Listed = { items: { id: string; name: string }[]; folders: { name: string }[]; nextCursor: string | null };

async function listAll(token: string, query: string): Promise<{ folders: string[]; files: string[] }> {
  const folders: string[] = [];
  const files: string[] = [];
  let cursor: string | null = null;
  do {
    const reply = await dispatch({
      token,
      path: `/api/files?${query}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
    });
    expect(reply.status).toBe(200);
    const page = reply.json as Listed;
    folders.push(...page.folders.map((f) => f.name));
    files.push(...page.items.map((f) => f.name));
    cursor = page.nextCursor;
  } while (cursor);
  return { folders, files };
}

const NAMES = ["file10.txt", "README.md", "file2.txt", "big.bin", "Éclair.jpg", "file1.txt", "apple.txt", "Zebra.png"];
const READ_ORDER = [
  "apple.txt",
  "big.bin",
  "Éclair.jpg",
  "file1.txt",
  "file2.txt",
  "file10.txt",
  "README.md",
  "Zebra.png",
];

describe("sorting by name", () => {
  it("is case-insensitive, accent-folded and natural, on every page, both ways, folders too", async () => {
    const user = await newUser();
    for (const name of NAMES) {
      const reply = await dispatch({
        method: "POST",
        path: "/api/uploads",
        token: user.token,
        body: { name, size: 0, type: "application/octet-stream" },
      });
      expect(reply.status, JSON.stringify(reply.json)).toBe(201);
      // Ready without bytes: listing never reads storage.
      await db.file.update({ where: { id: reply.json.fileId }, data: { status: "READY" } });
    }
    for (const name of ["Photos 10", "photos 9", "Älbum"]) {
      const reply = await dispatch({ method: "POST", path: "/api/folders", token: user.token, body: { name } });
      expect(reply.status).toBe(201);
    }
    const ascending = await listAll(user.token, "sort=name&order=asc");
    expect(ascending.files).toEqual(READ_ORDER);
    expect(ascending.folders).toEqual(["Älbum", "photos 9", "Photos 10"]);
    const descending = await listAll(user.token, "sort=name&order=desc");
    expect(descending.files).toEqual([...READ_ORDER].reverse());
    expect(descending.folders).toEqual(["Photos 10", "photos 9", "Älbum"]);
    // Search results come in the same order.
    expect((await listAll(user.token, "sort=name&order=asc&q=file")).files).toEqual([
      "file1.txt",
      "file2.txt",
      "file10.txt",
    ]);
  });

  it("follows a rename and a folder's rename", async () => {
    const user = await newUser();
    const ids: Record<string, string> = {};
    for (const name of ["a.txt", "b.txt", "c.txt"]) {
      const reply = await dispatch({
        method: "POST",
        path: "/api/uploads",
        token: user.token,
        body: { name, size: 0, type: "text/plain" },
      });
      ids[name] = reply.json.fileId;
      await db.file.update({ where: { id: ids[name] }, data: { status: "READY" } });
    }
    const renamed = await dispatch({
      method: "PATCH",
      path: `/api/files/${ids["a.txt"]}`,
      token: user.token,
      body: { name: "Z100.txt" },
    });
    expect(renamed.status).toBe(200);
    expect((await listAll(user.token, "sort=name")).files).toEqual(["b.txt", "c.txt", "Z100.txt"]);
    const stored = await db.file.findUniqueOrThrow({ where: { id: ids["a.txt"] } });
    expect(stored.sortName).toBe(nameSortKey("Z100.txt"));

    const folder = await dispatch({ method: "POST", path: "/api/folders", token: user.token, body: { name: "x" } });
    await dispatch({
      method: "PATCH",
      path: `/api/folders/${folder.json.folder.id}`,
      token: user.token,
      body: { name: "Ärchive 2" },
    });
    const row = await db.folder.findUniqueOrThrow({ where: { id: folder.json.folder.id } });
    expect(row.sortName).toBe(nameSortKey("Ärchive 2"));
  });
});
