-- DropIndex
DROP INDEX "File_ownerId_folderId_deletedAt_name_idx";

-- DropIndex
DROP INDEX "File_ownerId_folderId_deletedAt_size_idx";

-- DropIndex
DROP INDEX "File_ownerId_folderId_deletedAt_createdAt_idx";

-- DropIndex
DROP INDEX "File_ownerId_name_idx";

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_name_id_idx" ON "File"("ownerId", "folderId", "deletedAt", "name", "id");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_size_id_idx" ON "File"("ownerId", "folderId", "deletedAt", "size", "id");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_createdAt_id_idx" ON "File"("ownerId", "folderId", "deletedAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "File_ownerId_status_deletedAt_name_id_idx" ON "File"("ownerId", "status", "deletedAt", "name", "id");

