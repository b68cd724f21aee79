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
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const generated = crypto.randomBytes(32).toString("base64url");
    try {
      // "wx" fails if another process created it first; then read theirs.
      fs.writeFileSync(file, generated + "\n", { mode: 0o600, flag: "wx" });
      cached = generated;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached!;
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
