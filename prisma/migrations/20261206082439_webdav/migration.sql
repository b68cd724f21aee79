-- CreateTable
CREATE TABLE "DavProperty" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "fileId" TEXT,
    "folderId" TEXT,
    CONSTRAINT "DavProperty_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DavProperty_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "Folder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DavLock" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "depth" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "owner" TEXT,
    "timeoutSeconds" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DavLock_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DavProperty_fileId_idx" ON "DavProperty"("fileId");

-- CreateIndex
CREATE INDEX "DavProperty_folderId_idx" ON "DavProperty"("folderId");

-- CreateIndex
CREATE UNIQUE INDEX "DavProperty_target_namespace_name_key" ON "DavProperty"("target", "namespace", "name");

-- CreateIndex
CREATE INDEX "DavLock_ownerId_path_idx" ON "DavLock"("ownerId", "path");

-- CreateIndex
CREATE INDEX "DavLock_expiresAt_idx" ON "DavLock"("expiresAt");

