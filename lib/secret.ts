// The app secret signs sessions and storage URLs. From AUTH_SECRET / NEXTAUTH_SECRET, else
// generated once into the data folder (mode 0600) so a fresh install works with no setup.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env";

let cached: string | undefined;

export function appSecret(): string {
  if (cached) return cached;
  const config = env();
  const fromEnv = config.AUTH_SECRET ?? config.NEXTAUTH_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const file = path.resolve(config.DATA_DIR, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const generated = crypto.randomBytes(32).toString("base64url");
    // Written whole to a private temp file, then linked into place: link fails if another
    // process got there first (then theirs is used), and nobody ever reads a half-written file.
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.writeFileSync(temp, generated + "\n", { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
      cached = generated;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  if (!cached) throw new Error(`The secret file ${file} is empty: delete it, or set AUTH_SECRET.`);
  return cached;
}

/** A key derived from the app secret for one purpose, so no two features share a key. */
const derived = new Map<string, Buffer>();

export function derivedKey(purpose: string): Buffer {
  let key = derived.get(purpose);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", appSecret(), "stowage", purpose, 32));
    derived.set(purpose, key);
  }
  return key;
}
