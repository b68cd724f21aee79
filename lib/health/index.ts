// GET /api/health: the database and the storage driver, each checked cheaply. No secrets.
import { db, dbKind, type DatabaseKind } from "../db";
import { log } from "../log";

export interface StorageStatus {
  driver: string;
  ok: boolean;
  bucket?: string;
  endpoint?: string;
  message?: string;
  fallback?: string;
}

export interface DatabaseStatus {
  kind: DatabaseKind;
  /** Milliseconds for one `SELECT 1` to the database and back (null when it failed). */
  roundTripMs: number | null;
}

export interface HealthReport {
  ok: boolean;
  db: "ok" | "error";
  database: DatabaseStatus;
  storage: StorageStatus;
}

async function checkDb(): Promise<DatabaseStatus> {
  const kind = dbKind();
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return { kind, roundTripMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    log.error("health: database check failed", { error: String(error) });
    return { kind, roundTripMs: null };
  }
}

export async function health(checkStorage: () => Promise<StorageStatus>): Promise<HealthReport> {
  const [database, storage] = await Promise.all([
    checkDb(),
    checkStorage().catch((error: unknown) => ({ driver: "unknown", ok: false, message: String(error) })),
  ]);
  const dbOk = database.roundTripMs !== null;
  return { ok: dbOk && storage.ok, db: dbOk ? "ok" : "error", database, storage };
}
