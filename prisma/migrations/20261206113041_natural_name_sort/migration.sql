-- Written by hand: columns added in place (no table rebuild, which would also drop the hand-written
-- Folder_live_name_key). The rows already there get their sort keys from the migrator right after
-- this script (lib/db/sort-name-backfill.ts): SQL cannot compute them.

-- AlterTable
ALTER TABLE "Folder" ADD COLUMN "sortName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "File" ADD COLUMN "sortName" TEXT NOT NULL DEFAULT '';

-- DropIndex
DROP INDEX "File_ownerId_folderId_deletedAt_name_id_idx";

-- DropIndex
DROP INDEX "File_ownerId_status_deletedAt_name_id_idx";

-- CreateIndex
CREATE INDEX "Folder_ownerId_parentId_deletedAt_sortName_id_idx" ON "Folder"("ownerId", "parentId", "deletedAt", "sortName", "id");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_sortName_id_idx" ON "File"("ownerId", "folderId", "deletedAt", "sortName", "id");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_name_idx" ON "File"("ownerId", "folderId", "deletedAt", "name");

-- CreateIndex
CREATE INDEX "File_ownerId_status_deletedAt_sortName_id_name_idx" ON "File"("ownerId", "status", "deletedAt", "sortName", "id", "name");
