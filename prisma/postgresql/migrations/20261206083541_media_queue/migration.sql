-- AlterTable
ALTER TABLE "File" ADD COLUMN     "mediaState" TEXT,
ADD COLUMN     "previewBytes" INTEGER,
ADD COLUMN     "previewKey" TEXT;

-- CreateTable
CREATE TABLE "MediaJob" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseHolder" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MediaJob_fileId_key" ON "MediaJob"("fileId");

-- CreateIndex
CREATE INDEX "MediaJob_nextAttemptAt_idx" ON "MediaJob"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "File_mediaState_idx" ON "File"("mediaState");

-- AddForeignKey
ALTER TABLE "MediaJob" ADD CONSTRAINT "MediaJob_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File"("id") ON DELETE CASCADE ON UPDATE CASCADE;

