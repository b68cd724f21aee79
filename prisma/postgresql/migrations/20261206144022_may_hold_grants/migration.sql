-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mayHoldGrants" BOOLEAN NOT NULL DEFAULT false;


-- Backfill: whoever a grant reaches today (directly or through a group) may hold grants.
UPDATE "User" SET "mayHoldGrants" = true
WHERE "id" IN (SELECT "userId" FROM "Grant" WHERE "userId" IS NOT NULL)
   OR "id" IN (SELECT m."userId" FROM "GroupMember" m JOIN "Grant" g ON g."groupId" = m."groupId");
