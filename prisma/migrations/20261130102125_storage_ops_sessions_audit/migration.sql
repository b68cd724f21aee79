-- DropIndex
DROP INDEX "AuditEvent_createdAt_idx";

-- AlterTable
ALTER TABLE "File" ADD COLUMN "mirroredAt" DATETIME;
ALTER TABLE "File" ADD COLUMN "missingAt" DATETIME;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "userAgent" TEXT;

-- CreateTable
CREATE TABLE "MirrorJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MirrorJob_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReconcileRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "driver" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "findings" TEXT,
    "fixed" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "MirrorJob_fileId_key" ON "MirrorJob"("fileId");

-- CreateIndex
CREATE INDEX "MirrorJob_nextAttemptAt_idx" ON "MirrorJob"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "ReconcileRun_driver_startedAt_idx" ON "ReconcileRun"("driver", "startedAt");

-- CreateIndex
CREATE INDEX "File_driver_id_idx" ON "File"("driver", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_id_idx" ON "AuditEvent"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

