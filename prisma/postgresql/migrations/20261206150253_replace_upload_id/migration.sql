-- AlterTable
ALTER TABLE "File" ADD COLUMN     "contentUploadId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "File_contentUploadId_key" ON "File"("contentUploadId");

