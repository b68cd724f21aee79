-- AlterTable
ALTER TABLE "User" ADD COLUMN     "versionBytes" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "File" ADD COLUMN     "contentAt" TIMESTAMP(3),
ADD COLUMN     "contentById" TEXT;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "replacesFileId" TEXT;

-- CreateTable
CREATE TABLE "FileVersion" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FileVersion_storageKey_key" ON "FileVersion"("storageKey");

-- CreateIndex
CREATE INDEX "FileVersion_fileId_replacedAt_idx" ON "FileVersion"("fileId", "replacedAt");

-- CreateIndex
CREATE INDEX "FileVersion_replacedAt_idx" ON "FileVersion"("replacedAt");

-- AddForeignKey
ALTER TABLE "FileVersion" ADD CONSTRAINT "FileVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Byte-order keys, as File.storageKey (reconciliation merge-joins them in byte order).
ALTER TABLE "FileVersion" ALTER COLUMN "storageKey" SET DATA TYPE TEXT COLLATE "C";
