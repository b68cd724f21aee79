// GET /api/health: the database and the storage driver, each checked cheaply. No secrets.
import { db } from "../db";
import { log } from "../log";

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

export interface HealthReport {
  ok: boolean;
  db: "ok" | "error";
  storage: StorageStatus;
  /** Only when a mirror is configured; a backlog does not make the report fail. */
  mirror?: MirrorStatus;
}

async function checkDb(): Promise<"ok" | "error"> {
  try {
    await db.$queryRaw`SELECT 1`;
    return "ok";
  } catch (error) {
    log.error("health: database check failed", { error: String(error) });
    return "error";
  }
}

export async function health(
  checkStorage: () => Promise<StorageStatus>,
  checkMirror: () => Promise<MirrorStatus | null> = async () => null,
): Promise<HealthReport> {
  const [dbStatus, storage, mirror] = await Promise.all([
    checkDb(),
    checkStorage().catch((error: unknown) => ({ driver: "unknown", ok: false, message: String(error) })),
    checkMirror().catch(() => null),
  ]);
  return { ok: dbStatus === "ok" && storage.ok, db: dbStatus, storage, ...(mirror ? { mirror } : {}) };
}
