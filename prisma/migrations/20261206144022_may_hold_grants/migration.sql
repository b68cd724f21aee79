-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'USER',
    "quotaBytes" BIGINT,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,
    "reservedBytes" BIGINT NOT NULL DEFAULT 0,
    "fileCount" INTEGER NOT NULL DEFAULT 0,
    "disabledAt" DATETIME,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "lastUploadAt" DATETIME,
    "totpSecret" TEXT,
    "totpPendingSecret" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "versionBytes" BIGINT NOT NULL DEFAULT 0,
    "mayHoldGrants" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "email", "fileCount", "id", "lastUploadAt", "name", "passwordHash", "quotaBytes", "reservedBytes", "role", "sessionVersion", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "updatedAt", "usedBytes", "versionBytes") SELECT "createdAt", "disabledAt", "email", "fileCount", "id", "lastUploadAt", "name", "passwordHash", "quotaBytes", "reservedBytes", "role", "sessionVersion", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "updatedAt", "usedBytes", "versionBytes" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_usedBytes_id_idx" ON "User"("usedBytes", "id");
CREATE INDEX "User_fileCount_id_idx" ON "User"("fileCount", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: whoever a grant reaches today (directly or through a group) may hold grants.
UPDATE "User" SET "mayHoldGrants" = true
WHERE "id" IN (SELECT "userId" FROM "Grant" WHERE "userId" IS NOT NULL)
   OR "id" IN (SELECT m."userId" FROM "GroupMember" m JOIN "Grant" g ON g."groupId" = m."groupId");
