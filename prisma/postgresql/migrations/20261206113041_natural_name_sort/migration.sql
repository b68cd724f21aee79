-- DropIndex
DROP INDEX "File_ownerId_folderId_deletedAt_name_id_idx";

-- DropIndex
DROP INDEX "File_ownerId_status_deletedAt_name_id_idx";

-- AlterTable
ALTER TABLE "Folder" ADD COLUMN     "sortName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "File" ADD COLUMN     "sortName" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Folder_ownerId_parentId_deletedAt_sortName_id_idx" ON "Folder"("ownerId", "parentId", "deletedAt", "sortName", "id");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_sortName_id_idx" ON "File"("ownerId", "folderId", "deletedAt", "sortName", "id");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_name_idx" ON "File"("ownerId", "folderId", "deletedAt", "name");

-- CreateIndex
CREATE INDEX "File_ownerId_status_deletedAt_sortName_id_name_idx" ON "File"("ownerId", "status", "deletedAt", "sortName", "id", "name");


-- Written by hand: sort keys compare by code point, as SQLite's do, whatever the database's locale
-- (like the names, see the baseline). The rows already there get their keys from the migrator right
-- after this script (lib/db/sort-name-backfill.ts): SQL cannot compute them.
ALTER TABLE "File" ALTER COLUMN "sortName" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "Folder" ALTER COLUMN "sortName" SET DATA TYPE TEXT COLLATE "C";
