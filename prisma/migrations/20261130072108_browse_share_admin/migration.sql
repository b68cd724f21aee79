-- DropIndex
DROP INDEX "Folder_ownerId_parentId_name_key";

-- DropIndex
DROP INDEX "File_ownerId_folderId_name_idx";

-- AlterTable
ALTER TABLE "Folder" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Folder" ADD COLUMN "trashGroup" TEXT;

-- AlterTable
ALTER TABLE "File" ADD COLUMN "thumbnailKey" TEXT;
ALTER TABLE "File" ADD COLUMN "trashGroup" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "details" TEXT;

-- CreateTable
CREATE TABLE "ShareDownload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shareId" TEXT NOT NULL,
    "fileId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShareDownload_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "Share" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "resetAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PasswordToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Share" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileId" TEXT,
    "folderId" TEXT,
    "ownerId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "passwordHash" TEXT,
    "maxDownloads" INTEGER,
    "downloadCount" INTEGER NOT NULL DEFAULT 0,
    "revokedAt" DATETIME,
    "lastAccessAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Share_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Share_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "Folder" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Share_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Share" ("createdAt", "updatedAt", "downloadCount", "expiresAt", "fileId", "id", "maxDownloads", "ownerId", "passwordHash", "revokedAt", "tokenHash") SELECT "createdAt", "createdAt", "downloadCount", "expiresAt", "fileId", "id", "maxDownloads", "ownerId", "passwordHash", "revokedAt", "tokenHash" FROM "Share";
DROP TABLE "Share";
ALTER TABLE "new_Share" RENAME TO "Share";
CREATE UNIQUE INDEX "Share_tokenHash_key" ON "Share"("tokenHash");
CREATE INDEX "Share_ownerId_createdAt_idx" ON "Share"("ownerId", "createdAt");
CREATE INDEX "Share_fileId_idx" ON "Share"("fileId");
CREATE INDEX "Share_folderId_idx" ON "Share"("folderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ShareDownload_shareId_createdAt_idx" ON "ShareDownload"("shareId", "createdAt");

-- CreateIndex
CREATE INDEX "RateLimit_resetAt_idx" ON "RateLimit"("resetAt");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordToken_tokenHash_key" ON "PasswordToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

-- CreateIndex
CREATE INDEX "User_usedBytes_id_idx" ON "User"("usedBytes", "id");

-- CreateIndex
CREATE INDEX "User_fileCount_id_idx" ON "User"("fileCount", "id");

-- CreateIndex
CREATE INDEX "Folder_ownerId_parentId_name_idx" ON "Folder"("ownerId", "parentId", "name");

-- CreateIndex
CREATE INDEX "Folder_ownerId_trashGroup_idx" ON "Folder"("ownerId", "trashGroup");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_name_idx" ON "File"("ownerId", "folderId", "deletedAt", "name");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_size_idx" ON "File"("ownerId", "folderId", "deletedAt", "size");

-- CreateIndex
CREATE INDEX "File_ownerId_folderId_deletedAt_createdAt_idx" ON "File"("ownerId", "folderId", "deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "File_ownerId_trashGroup_idx" ON "File"("ownerId", "trashGroup");

-- CreateIndex
CREATE INDEX "File_deletedAt_idx" ON "File"("deletedAt");


-- Live folder names are unique per parent, the root included (NULL parents are distinct in a
-- plain unique index). Written by hand: Prisma's schema cannot express it (see schema.prisma).
CREATE UNIQUE INDEX "Folder_live_name_key" ON "Folder"("ownerId", COALESCE("parentId", ''), "name") WHERE "deletedAt" IS NULL;
