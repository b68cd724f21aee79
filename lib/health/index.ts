// GET /api/health: the database, the storage driver and the backup mirror, each checked cheaply.
// No secrets.
import { db, dbKind, type DatabaseKind } from "../db";
import { log } from "../log";
import { storageHealth } from "../storage";
import { mirrorHealth } from "../storage-ops/mirror";
import { mediaHealth, type MediaStatus } from "../media/health";

export interface StorageStatus {
  driver: string;
  ok: boolean;
  bucket?: string;
  endpoint?: string;
  message?: string;
  fallback?: string;
}

/** The backup mirror (STORAGE_MIRROR): copies still queued, how many of them failed at least once, the oldest. */
export interface MirrorStatus {
  driver: string;
  backlog: number;
  failing: number;
  oldestQueuedAt: Date | null;
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
  /** Only when a mirror is configured; a backlog does not make the report fail. */
  mirror?: MirrorStatus;
  /** The media queue and the decoders found at start-up; a missing tool does not make the report fail. */
  media?: MediaStatus;
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

/** The report; the checks default to the configured driver's and mirror's (a test may pass others). */
export async function health(
  checkStorage: () => Promise<StorageStatus> = storageHealth,
  checkMirror: () => Promise<MirrorStatus | null> = mirrorHealth,
): Promise<HealthReport> {
  const [database, storage, mirror, media] = await Promise.all([
    checkDb(),
    checkStorage().catch((error: unknown) => ({ driver: "unknown", ok: false, message: String(error) })),
    checkMirror().catch(() => null),
    mediaHealth().catch(() => null),
  ]);
  const dbOk = database.roundTripMs !== null;
  return {
    ok: dbOk && storage.ok,
    db: dbOk ? "ok" : "error",
    database,
    storage,
    ...(mirror ? { mirror } : {}),
    ...(media ? { media } : {}),
  };
}
