-- CreateTable
CREATE TABLE "GrantReach" (
    "setId" TEXT NOT NULL,
    "folderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("setId", "folderId"),
    CONSTRAINT "GrantReach_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "Folder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "GrantReach_folderId_idx" ON "GrantReach"("folderId");

-- CreateIndex
CREATE INDEX "GrantReach_createdAt_idx" ON "GrantReach"("createdAt");

