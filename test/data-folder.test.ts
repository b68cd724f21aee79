// The data folder holds password and token hashes and everyone's files: `prepare` (run before
// every start) creates it private, and makes an existing world-readable one private too.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const mode = (file: string) => fs.statSync(file).mode & 0o777;

function prepare(dataDir: string) {
  const previous = process.umask(0o022); // the usual login umask; the child inherits it
  try {
    execFileSync(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: `file:${path.join(dataDir, "stowage.db")}`,
        STORAGE_DRIVER: "local",
      },
      stdio: "pipe",
    });
  } finally {
    process.umask(previous);
  }
}

describe("the data folder", () => {
  it("is created readable by the server's account only, with the database inside it 0600", () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stowage-prepare-")), "data");
    prepare(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, "stowage.db"))).toBe(0o600);
  });

  it("is made private when an older version left it world-readable", () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stowage-prepare-")), "data");
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    prepare(dataDir);
    fs.chmodSync(path.join(dataDir, "stowage.db"), 0o644);
    prepare(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, "stowage.db"))).toBe(0o600);
  });
});
