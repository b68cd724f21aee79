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

export interface HealthReport {
  ok: boolean;
  db: "ok" | "error";
  storage: StorageStatus;
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

export async function health(checkStorage: () => Promise<StorageStatus>): Promise<HealthReport> {
  const [dbStatus, storage] = await Promise.all([
    checkDb(),
    checkStorage().catch((error: unknown) => ({ driver: "unknown", ok: false, message: String(error) })),
  ]);
  return { ok: dbStatus === "ok" && storage.ok, db: dbStatus, storage };
}
