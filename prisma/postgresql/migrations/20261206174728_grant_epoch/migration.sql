-- CreateTable
CREATE TABLE "GrantEpoch" (
    "id" INTEGER NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "GrantEpoch_pkey" PRIMARY KEY ("id")
);


-- The one row, and the triggers that change it whenever what a grant reaches may change
-- (lib/grants/resolve.ts keeps resolved grants while it stays the same). Statement-level where
-- every row counts; row-level for folders, which count only for an owner who shares folders.
INSERT INTO "GrantEpoch" ("id", "value") VALUES (1, 0);

CREATE FUNCTION "grant_epoch_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE FUNCTION "grant_epoch_folder"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owners TEXT[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    owners := ARRAY[NEW."ownerId"];
  ELSIF TG_OP = 'DELETE' THEN
    owners := ARRAY[OLD."ownerId"];
  ELSIF OLD."parentId" IS DISTINCT FROM NEW."parentId" OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt"
     OR OLD."ownerId" IS DISTINCT FROM NEW."ownerId" THEN
    owners := ARRAY[OLD."ownerId", NEW."ownerId"];
  ELSE
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM "Grant" WHERE "ownerId" = ANY(owners) AND "folderId" IS NOT NULL) THEN
    UPDATE "GrantEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "GrantEpoch_grant" AFTER INSERT OR UPDATE OR DELETE ON "Grant"
  FOR EACH STATEMENT EXECUTE FUNCTION "grant_epoch_bump"();
CREATE TRIGGER "GrantEpoch_member" AFTER INSERT OR UPDATE OR DELETE ON "GroupMember"
  FOR EACH STATEMENT EXECUTE FUNCTION "grant_epoch_bump"();
CREATE TRIGGER "GrantEpoch_owner_disabled" AFTER UPDATE OF "disabledAt" ON "User"
  FOR EACH ROW WHEN (OLD."disabledAt" IS DISTINCT FROM NEW."disabledAt") EXECUTE FUNCTION "grant_epoch_bump"();
CREATE TRIGGER "GrantEpoch_owner_delete" AFTER DELETE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "grant_epoch_bump"();
CREATE TRIGGER "GrantEpoch_folder" AFTER INSERT OR UPDATE OF "parentId", "deletedAt", "ownerId" OR DELETE ON "Folder"
  FOR EACH ROW EXECUTE FUNCTION "grant_epoch_folder"();
