// rclone's WebDAV backend (Debian package `rclone`) against a Stowage server: a tree of 1,000 files in
// nested folders with odd names goes up, comes back byte-identical (`rclone check --download`), and
// after local renames, edits and deletes `rclone sync` leaves both sides equal. Any rclone failure
// (a check that finds a difference exits non-zero) rejects. Used by vitest against the tests' server
// (test/dav/rclone.test.ts) and by Playwright against the production server (e2e/webdav.spec.ts).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

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

function makeTree(local: string): number {
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

export interface DavTarget {
  url: string;
  email: string;
  secret: string;
}

/** rclone's environment with a remote `stowage:` on `${url}/dav/` (its config file kept in `work`). */
export async function rcloneEnv(target: DavTarget, work: string): Promise<NodeJS.ProcessEnv> {
  const obscured = (await exec("rclone", ["obscure", target.secret])).stdout.trim();
  return {
    ...process.env,
    RCLONE_CONFIG: path.join(work, "rclone.conf"),
    RCLONE_CONFIG_STOWAGE_TYPE: "webdav",
    RCLONE_CONFIG_STOWAGE_URL: `${target.url}/dav/`,
    RCLONE_CONFIG_STOWAGE_VENDOR: "other",
    RCLONE_CONFIG_STOWAGE_USER: target.email,
    RCLONE_CONFIG_STOWAGE_PASS: obscured,
  };
}

/** Runs the round trip in `work` (a fresh folder) against `${url}/dav/`; answers how many files the local tree ends with. */
export async function rcloneRoundTrip(target: DavTarget, work: string) {
  const env = await rcloneEnv(target, work);
  const rclone = (...args: string[]) =>
    exec("rclone", [...args, "--transfers", "16", "--checkers", "16", "--retries", "1", "--low-level-retries", "1"], {
      env,
      maxBuffer: 64 << 20,
    });
  const local = path.join(work, "tree");
  if (makeTree(local) !== 1000) throw new Error("the local tree should hold 1,000 files");
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
  return {
    localFiles: fs.readdirSync(local, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length,
  };
}
