-- AlterTable
ALTER TABLE "File" ADD COLUMN "thumbnailBytes" INTEGER;
