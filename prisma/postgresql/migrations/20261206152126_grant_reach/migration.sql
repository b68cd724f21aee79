-- CreateTable
CREATE TABLE "GrantReach" (
    "setId" TEXT NOT NULL,
    "folderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantReach_pkey" PRIMARY KEY ("setId","folderId")
);

-- CreateIndex
CREATE INDEX "GrantReach_folderId_idx" ON "GrantReach"("folderId");

-- CreateIndex
CREATE INDEX "GrantReach_createdAt_idx" ON "GrantReach"("createdAt");

-- AddForeignKey
ALTER TABLE "GrantReach" ADD CONSTRAINT "GrantReach_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "Folder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

