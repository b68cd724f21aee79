// The storage layer's front door: which driver holds what, and how healthy it is.
// Each File row records its driver, so changing STORAGE_DRIVER never strands old files:
// `getDriver(file.driver)` for existing bytes, `driverForNewUpload()` for new ones.
import { env } from "../env";
import { log } from "../log";
import { perProcess } from "../per-process";
import { LocalDriver, localOptionsFromEnv } from "./local";
import { S3Driver } from "./s3";
import { s3SettingsFromEnv } from "./s3-config";
import type { BlobTarget, DriverName, HealthReport, StorageDriver } from "./types";

export * from "./errors";
export * from "./types";
export { newStorageKey, assertValidKey, keyProblem, compareKeys } from "./keys";
export { contentDisposition, inlineAllowed, normalizeContentType, safeDisposition } from "./content";

/** What /api/health shows about storage. Never a secret. */
export interface StorageHealth extends HealthReport {
  /** "local" when the primary store is failing and STORAGE_FALLBACK=local sends new uploads to local. */
  fallback?: "local";
}

/** The drivers made so far, and whether new uploads fall back to local: once per process (lib/per-process.ts). */
const state = perProcess("storage drivers", () => ({
  instances: new Map<DriverName, StorageDriver & BlobTarget>(),
  fallingBack: false,
}));
const instances = state.instances;

/** STORAGE_DRIVER; without it "s3" when S3_BUCKET is set, else "local". */
export function defaultDriverName(): DriverName {
  const e = env();
  return e.STORAGE_DRIVER ?? (e.S3_BUCKET ? "s3" : "local");
}

/**
 * The driver named (default: defaultDriverName()), one instance per name. Throws ConfigError
 * (naming the variable) when the s3 driver is asked for but not configured.
 */
export function getDriver(name: DriverName = defaultDriverName()): StorageDriver & BlobTarget {
  let driver = instances.get(name);
  if (!driver) {
    driver = name === "s3" ? new S3Driver(s3SettingsFromEnv()) : new LocalDriver(localOptionsFromEnv());
    instances.set(name, driver);
  }
  return driver;
}

/**
 * The driver a new upload should go to: the default one, or — with STORAGE_FALLBACK=local — the
 * local driver while the S3 check fails (the check is cached for about 10 s).
 */
export async function driverForNewUpload(): Promise<StorageDriver> {
  const primary = defaultDriverName();
  if (primary === "local" || env().STORAGE_FALLBACK !== "local") return getDriver(primary);
  let report: HealthReport;
  try {
    report = await getDriver("s3").check();
  } catch (err) {
    report = { driver: "s3", ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  if (report.ok) {
    if (state.fallingBack) log.info("storage", { op: "fallback", driver: "s3", outcome: "s3_recovered" });
    state.fallingBack = false;
    return getDriver("s3");
  }
  // Once per outage, not once per upload.
  if (!state.fallingBack)
    log.warn("storage", { op: "fallback", driver: "local", outcome: "s3_unavailable", message: report.message });
  state.fallingBack = true;
  return getDriver("local");
}

/** {driver, ok, bucket?, endpoint?, message?, fallback?} for /api/health. */
export async function storageHealth(): Promise<StorageHealth> {
  const primary = defaultDriverName();
  let report: HealthReport;
  try {
    report = await getDriver(primary).check();
  } catch (err) {
    // A ConfigError (e.g. S3_BUCKET missing): its message names the variable, never a value.
    report = { driver: primary, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  if (report.ok || primary === "local" || env().STORAGE_FALLBACK !== "local") return report;
  const local = await getDriver("local").check();
  return local.ok ? { ...report, fallback: "local" } : report;
}

/**
 * Forgets driver instances (tests change the environment between suites); `use` installs prepared
 * ones (e.g. an S3 driver with a small multipart threshold).
 */
export function resetStorageForTests(use: Partial<Record<DriverName, StorageDriver & BlobTarget>> = {}): void {
  instances.clear();
  for (const [name, driver] of Object.entries(use)) instances.set(name as DriverName, driver);
  state.fallingBack = false;
}
