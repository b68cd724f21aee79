// rclone's WebDAV backend (Debian package `rclone`) against the app's real HTTP server: a tree of
// 1,000 files in nested folders with odd names goes up, comes back byte-identical (`rclone check
// --download`), and after local renames, edits and deletes `rclone sync` leaves both sides equal,
// as the file listing the web UI reads shows too.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startAppServer } from "../app-server";
import { newUser } from "../api";
import type { TestServer } from "../fetch-server";

const exec = promisify(execFile);
let server: TestServer;
let user: Awaited<ReturnType<typeof newUser>>;
let env: NodeJS.ProcessEnv;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-rclone-"));
const local = path.join(work, "tree");

const rclone = async (...args: string[]) =>
  (
    await exec(
      "rclone",
      [...args, "--transfers", "16", "--checkers", "16", "--retries", "1", "--low-level-retries", "1"],
      { env, maxBuffer: 64 << 20 },
    )
  ).stdout;

// Names a file manager meets: Unicode in both normal forms, spaces, escapes, URL and XML syntax.
const ODD = [
  "café",
  "naïve ünïcode",
  "日本語",
  "emoji 🎉",
  "100% sure",
  "a#b",
  "a&b<c>",
  "plus+sign",
  "semi;colon",
  "quote'd",
  "q?mark",
  "tab  spaces",
  "ñ",
];

function makeTree(): number {
  let count = 0;
  for (let d = 0; d < 10; d++) {
    const dir = path.join(local, `${ODD[d % ODD.length]} ${d}`, d % 2 ? `deeper ${ODD[(d + 3) % ODD.length]}` : "");
    fs.mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) {
      const name = `${ODD[(d + f) % ODD.length]} ${f}.txt`;
      fs.writeFileSync(path.join(dir, name), `file ${d}/${f} `.repeat(1 + ((d * 7 + f) % 40)));
      count++;
    }
  }
  return count;
}

beforeAll(async () => {
  server = await startAppServer();
  user = await newUser();
  const obscured = (await exec("rclone", ["obscure", user.token])).stdout.trim();
  env = {
    ...process.env,
    RCLONE_CONFIG: path.join(work, "rclone.conf"),
    RCLONE_CONFIG_STOWAGE_TYPE: "webdav",
    RCLONE_CONFIG_STOWAGE_URL: `${server.url}/dav/`,
    RCLONE_CONFIG_STOWAGE_VENDOR: "other",
    RCLONE_CONFIG_STOWAGE_USER: user.email,
    RCLONE_CONFIG_STOWAGE_PASS: obscured,
  };
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

it("copies a tree of 1,000 files up and back byte-identical, then syncs changes", async () => {
  expect(makeTree()).toBe(1000);
  await rclone("copy", local, "stowage:up");
  const back = path.join(work, "back");
  await rclone("copy", "stowage:up", back);
  await rclone("check", local, back, "--download");

  // Local changes: a renamed folder, renamed, edited (another size) and deleted files, a new one.
  const first = fs.readdirSync(local).sort()[0]!;
  fs.renameSync(path.join(local, first), path.join(local, `renamed ${first}`));
  const second = path.join(local, fs.readdirSync(local).sort()[1]!);
  const files = fs
    .readdirSync(second)
    .filter((n) => n.endsWith(".txt"))
    .sort();
  fs.renameSync(path.join(second, files[0]!), path.join(second, `moved ${files[0]}`));
  fs.appendFileSync(path.join(second, files[1]!), " edited");
  for (const name of files.slice(2, 12)) fs.rmSync(path.join(second, name));
  fs.writeFileSync(path.join(second, "brand new ✓.txt"), "new");
  await rclone("sync", local, "stowage:up");
  await rclone("check", local, "stowage:up", "--download");

  // What the web UI lists: the same number of live files and folders.
  const localFiles = fs.readdirSync(local, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const liveFiles = await db.file.count({ where: { ownerId: user.id, status: "READY", deletedAt: null } });
  expect(liveFiles).toBe(localFiles);
}, 600_000);
