-- AlterTable
ALTER TABLE "File" ADD COLUMN "mediaState" TEXT;
ALTER TABLE "File" ADD COLUMN "previewBytes" INTEGER;
ALTER TABLE "File" ADD COLUMN "previewKey" TEXT;

-- CreateTable
CREATE TABLE "MediaJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseHolder" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MediaJob_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MediaJob_fileId_key" ON "MediaJob"("fileId");

-- CreateIndex
CREATE INDEX "MediaJob_nextAttemptAt_idx" ON "MediaJob"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "File_mediaState_idx" ON "File"("mediaState");

