-- AlterTable
ALTER TABLE "File" ADD COLUMN "contentAt" DATETIME;
ALTER TABLE "File" ADD COLUMN "contentById" TEXT;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN "replacesFileId" TEXT;

-- CreateTable
CREATE TABLE "FileVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL,
    "replacedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FileVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN rather than Prisma's rebuild of "User": the same result, and it
-- cannot drop a column another branch's migration adds to that table)
ALTER TABLE "User" ADD COLUMN "versionBytes" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "FileVersion_storageKey_key" ON "FileVersion"("storageKey");

-- CreateIndex
CREATE INDEX "FileVersion_fileId_replacedAt_idx" ON "FileVersion"("fileId", "replacedAt");

-- CreateIndex
CREATE INDEX "FileVersion_replacedAt_idx" ON "FileVersion"("replacedAt");

