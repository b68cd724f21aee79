-- CreateTable
CREATE TABLE "StorageCleanup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "driver" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "multipartId" TEXT,
    "notBefore" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "StorageCleanup_notBefore_idx" ON "StorageCleanup"("notBefore");

