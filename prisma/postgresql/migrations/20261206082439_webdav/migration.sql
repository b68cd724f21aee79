-- CreateTable
CREATE TABLE "DavProperty" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "fileId" TEXT,
    "folderId" TEXT,

    CONSTRAINT "DavProperty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DavLock" (
    "token" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "depth" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "owner" TEXT,
    "timeoutSeconds" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DavLock_pkey" PRIMARY KEY ("token")
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

-- AddForeignKey
ALTER TABLE "DavProperty" ADD CONSTRAINT "DavProperty_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "File"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DavProperty" ADD CONSTRAINT "DavProperty_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "Folder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DavLock" ADD CONSTRAINT "DavLock_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

