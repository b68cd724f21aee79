// Read-only views for the admin console: one account's drill-down and the storage overview.
// Files are read through the access layer as an admin (READY files, trashed ones included:
// they count toward the quota until deleted for good).
import { db } from "../db";
import { defaultDriverName } from "../storage";
import { fileScope, uploadScope } from "../files/access";
import {
  categoryOf,
  contentCategories,
  type AdminFile,
  type ContentCategory,
  type StorageOverview,
  type UserDetail,
  type UsageSlice,
} from "../schemas/admin";
import type { File } from "../generated/prisma/client";
import { lastReconcile, mirrorBacklog } from "../storage-ops/status";
import { getUserRow } from "./users";
import { usageTotals } from "./usage";

const LIST_LENGTH = 10;
const DRIVERS = ["local", "s3"] as const;

function toAdminFile(file: File): AdminFile {
  return {
    id: file.id,
    name: file.name,
    size: Number(file.size),
    type: file.type,
    driver: file.driver,
    createdAt: file.createdAt.toISOString(),
    deletedAt: file.deletedAt?.toISOString() ?? null,
  };
}

function slice(group: { _count: { _all: number }; _sum: { size: bigint | null } }): UsageSlice {
  return { files: group._count._all, bytes: Number(group._sum.size ?? 0) };
}

/** GET /api/admin/users/{id}: the account's row, largest files, usage by content type and driver, recent uploads. */
export async function userDetail(adminId: string, userId: string): Promise<UserDetail> {
  const user = await getUserRow(userId);
  // `ownerId` picks the account on show; what the admin may read is fileScope's rule.
  const where = { AND: [{ ownerId: userId }, fileScope({ kind: "admin", userId: adminId }, "any")] };
  const largest = await db.file.findMany({ where, orderBy: [{ size: "desc" }, { id: "asc" }], take: LIST_LENGTH });
  const recent = await db.file.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LIST_LENGTH });
  const byType = await db.file.groupBy({ by: ["type"], where, _count: { _all: true }, _sum: { size: true } });
  const byDriver = await db.file.groupBy({ by: ["driver"], where, _count: { _all: true }, _sum: { size: true } });

  const categories = new Map<ContentCategory, UsageSlice>(contentCategories.map((c) => [c, { files: 0, bytes: 0 }]));
  for (const group of byType) {
    const total = categories.get(categoryOf(group.type))!;
    total.files += group._count._all;
    total.bytes += Number(group._sum.size ?? 0);
  }
  return {
    user,
    largestFiles: largest.map(toAdminFile),
    byCategory: [...categories].map(([category, total]) => ({ category, ...total })),
    byDriver: byDriver.map((group) => ({ driver: group.driver, ...slice(group) })).sort((a, b) => b.bytes - a.bytes),
    recentUploads: recent.map(toAdminFile),
  };
}

// Per-driver figures are one grouped aggregate over File (no counter exists per driver): about
// 1 s at a million files (docs/BENCHMARKS.md), holding SQLite's one connection meanwhile. When it
// is that slow, its result is reused for a minute per process; a quick one is never kept, so small
// installs always see live figures. Pending uploads and reserved bytes are always live.
const DRIVER_FIGURES_TTL_MS = 60_000;
const WORTH_KEEPING_MS = 200;
type DriverFigures = { driver: string; files: number; bytes: number; missing: number }[];
let driverFigures: { at: number; groups: Promise<DriverFigures> } | undefined;

async function readDriverFigures(adminId: string): Promise<DriverFigures> {
  const scope = fileScope({ kind: "admin", userId: adminId }, "any");
  const totals = await db.file.groupBy({ by: ["driver"], where: scope, _count: { _all: true }, _sum: { size: true } });
  const missing = await db.file.groupBy({
    by: ["driver"],
    where: { AND: [scope, { missingAt: { not: null } }] },
    _count: { _all: true },
  });
  const missingOf = new Map(missing.map((group) => [group.driver, group._count._all]));
  return totals.map((group) => ({ driver: group.driver, ...slice(group), missing: missingOf.get(group.driver) ?? 0 }));
}

function figuresPerDriver(adminId: string) {
  if (!driverFigures || Date.now() - driverFigures.at > DRIVER_FIGURES_TTL_MS) {
    const started = Date.now();
    const groups = readDriverFigures(adminId).then((rows) => {
      if (Date.now() - started < WORTH_KEEPING_MS && driverFigures?.groups === groups) driverFigures = undefined;
      return rows;
    });
    driverFigures = { at: started, groups };
    groups.catch(() => (driverFigures = undefined));
  }
  return driverFigures.groups;
}

/** Forgets the cached per-driver figures (tests). */
export function forgetDriverFigures(): void {
  driverFigures = undefined;
}

/**
 * GET /api/admin/storage: bytes, files and missing files per driver (up to a minute old), uploads
 * still open and the bytes they reserve, the mirror's backlog and each driver's last reconciliation.
 */
export async function storageOverview(adminId: string): Promise<StorageOverview> {
  const groups = await figuresPerDriver(adminId);
  const pending = await db.upload.aggregate({
    where: uploadScope({ kind: "admin", userId: adminId }),
    _count: { _all: true },
    _sum: { size: true },
  });
  const { reservedBytes } = await usageTotals();
  const defaultDriver = defaultDriverName();
  const drivers = new Map(groups.map(({ driver, ...total }) => [driver, total]));
  // Both drivers are always listed, the default one first, so "nothing on s3" reads as 0.
  for (const name of DRIVERS) if (!drivers.has(name)) drivers.set(name, { files: 0, bytes: 0, missing: 0 });
  return {
    drivers: [...drivers]
      .map(([driver, total]) => ({ driver, default: driver === defaultDriver, ...total }))
      .sort((a, b) => Number(b.default) - Number(a.default) || b.bytes - a.bytes),
    pendingUploads: { files: pending._count._all, bytes: Number(pending._sum.size ?? 0) },
    reservedBytes,
    mirror: await mirrorBacklog(),
    reconciliation: await Promise.all(
      DRIVERS.map(async (driver) => ({ driver, lastRun: await lastReconcile(driver) })),
    ),
  };
}
