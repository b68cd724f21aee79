-- CreateTable
CREATE TABLE "GrantEpoch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "value" BIGINT NOT NULL DEFAULT 0
);


-- The one row, and the triggers that change it whenever what a grant reaches may change
-- (lib/grants/resolve.ts keeps resolved grants while it stays the same).
INSERT INTO "GrantEpoch" ("id", "value") VALUES (1, 0);

CREATE TRIGGER "GrantEpoch_grant_insert" AFTER INSERT ON "Grant"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "GrantEpoch_grant_update" AFTER UPDATE ON "Grant"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "GrantEpoch_grant_delete" AFTER DELETE ON "Grant"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "GrantEpoch_member_insert" AFTER INSERT ON "GroupMember"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "GrantEpoch_member_update" AFTER UPDATE ON "GroupMember"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "GrantEpoch_member_delete" AFTER DELETE ON "GroupMember"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "GrantEpoch_owner_disabled" AFTER UPDATE OF "disabledAt" ON "User"
WHEN OLD."disabledAt" IS NOT NEW."disabledAt"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "GrantEpoch_owner_delete" AFTER DELETE ON "User"
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;

-- Folders count only for an owner who shares folders (most owners' folders change nothing).
CREATE TRIGGER "GrantEpoch_folder_insert" AFTER INSERT ON "Folder"
WHEN EXISTS (SELECT 1 FROM "Grant" WHERE "ownerId" = NEW."ownerId" AND "folderId" IS NOT NULL)
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "GrantEpoch_folder_update" AFTER UPDATE OF "parentId", "deletedAt", "ownerId" ON "Folder"
WHEN (OLD."parentId" IS NOT NEW."parentId" OR OLD."deletedAt" IS NOT NEW."deletedAt" OR OLD."ownerId" IS NOT NEW."ownerId")
  AND EXISTS (SELECT 1 FROM "Grant" WHERE "ownerId" IN (OLD."ownerId", NEW."ownerId") AND "folderId" IS NOT NULL)
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "GrantEpoch_folder_delete" AFTER DELETE ON "Folder"
WHEN EXISTS (SELECT 1 FROM "Grant" WHERE "ownerId" = OLD."ownerId" AND "folderId" IS NOT NULL)
BEGIN UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
