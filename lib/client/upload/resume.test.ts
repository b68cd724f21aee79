import { describe, expect, it } from "vitest";
import { ResumeStore, resumeKey, type ResumeSession } from "./resume";
import { MemoryStorage } from "./testing/fakes";

const session = (expiresAt: string): ResumeSession => ({
  mode: "multipart",
  uploadId: "u1",
  fileId: "f1",
  size: 100,
  partSize: 10,
  partCount: 10,
  etags: { 1: '"a"' },
  expiresAt,
});

describe("resumeKey", () => {
  it("tells apart files by name, size, modification time and folder", () => {
    const file = { name: "a.bin", size: 100, lastModified: 5 };
    const key = resumeKey(file, null);
    expect(resumeKey({ ...file }, undefined)).toBe(key);
    expect(resumeKey({ ...file, name: "b.bin" }, null)).not.toBe(key);
    expect(resumeKey({ ...file, size: 101 }, null)).not.toBe(key);
    expect(resumeKey({ ...file, lastModified: 6 }, null)).not.toBe(key);
    expect(resumeKey(file, "folder-1")).not.toBe(key);
  });
});

describe("ResumeStore", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");

  it("round-trips a fresh session", () => {
    const store = new ResumeStore(new MemoryStorage(), () => now);
    const s = session("2030-01-01T01:00:00Z");
    store.save("k", s);
    expect(store.load("k")).toEqual(s);
  });

  it("drops expired (or nearly expired) and unreadable sessions", () => {
    const storage = new MemoryStorage();
    const store = new ResumeStore(storage, () => now, 60_000);
    store.save("old", session("2029-12-31T23:00:00Z"));
    store.save("soon", session("2030-01-01T00:00:30Z"));
    storage.setItem("junk", "{not json");
    storage.setItem("wrong", JSON.stringify({ uploadId: 1 }));
    for (const key of ["old", "soon", "junk", "wrong"]) expect(store.load(key)).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it("prunes only its own expired keys", () => {
    const storage = new MemoryStorage();
    const store = new ResumeStore(storage, () => now);
    const file = { name: "x", size: 1, lastModified: 1 };
    store.save(resumeKey(file, null), session("2029-01-01T00:00:00Z"));
    store.save(resumeKey({ ...file, name: "y" }, null), session("2031-01-01T00:00:00Z"));
    storage.setItem("someone-else", "keep me");
    store.pruneExpired();
    expect([...storage.map.keys()].sort()).toEqual([resumeKey({ ...file, name: "y" }, null), "someone-else"].sort());
  });

  it("never throws when storage does", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    const store = new ResumeStore(broken, () => now);
    expect(() => store.save("k", session("2031-01-01T00:00:00Z"))).not.toThrow();
    expect(store.load("k")).toBeNull();
    expect(() => store.remove("k")).not.toThrow();
  });

  it("lists the uploads a reload cut off, with what they had stored, and only fresh ones", () => {
    const storage = new MemoryStorage();
    const store = new ResumeStore(storage, () => now);
    const big = { name: "holiday: day 1.mp4", size: 100, lastModified: 7 };
    store.save(resumeKey(big, "folder-1"), { ...session("2030-01-01T01:00:00Z"), etags: { 1: '"a"', 2: '"b"' } });
    store.save(resumeKey({ name: "small.txt", size: 5, lastModified: 1 }, null), {
      ...session("2030-01-01T01:00:00Z"),
      mode: "single",
      size: 5,
      uploadId: "u2",
    });
    store.save(resumeKey({ name: "old.bin", size: 100, lastModified: 1 }, null), session("2029-01-01T00:00:00Z"));
    storage.setItem("someone-else", "{}");
    const paused = store.paused().sort((a, b) => a.name.localeCompare(b.name));
    expect(paused).toEqual([
      {
        key: resumeKey(big, "folder-1"),
        name: "holiday: day 1.mp4",
        size: 100,
        folderId: "folder-1",
        uploadId: "u1",
        bytesStored: 20,
      },
      {
        key: resumeKey({ name: "small.txt", size: 5, lastModified: 1 }, null),
        name: "small.txt",
        size: 5,
        folderId: null,
        uploadId: "u2",
        bytesStored: 0,
      },
    ]);
    expect(storage.map.has(resumeKey({ name: "old.bin", size: 100, lastModified: 1 }, null))).toBe(false);
  });

  it("lists no finished upload as paused, and resumes none this page finished itself", () => {
    const storage = new MemoryStorage();
    const store = new ResumeStore(storage, () => now);
    const key = resumeKey({ name: "a.bin", size: 100, lastModified: 1 }, null);
    const s = session("2030-01-01T01:00:00Z");
    store.save(key, s);
    expect(store.paused()).toHaveLength(1);
    expect(store.stillPaused(key)).toBe(true);
    store.markDone(key, s);
    expect(store.paused()).toEqual([]);
    expect(store.stillPaused(key)).toBe(false);
    expect(store.load(key)).toBeNull(); // this page made it: a new drop of it is a copy
    // Another page (a reload) sees the finished upload and may confirm it.
    const other = new ResumeStore(storage, () => now);
    expect(other.load(key)).toMatchObject({ done: true, uploadId: "u1" });
    store.forgetDone();
    expect(other.load(key)).toBeNull();
  });
});
