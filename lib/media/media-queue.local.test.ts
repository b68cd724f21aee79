import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { mediaQueueContract } from "@/test/contracts/media-queue-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

// The decoder-only cases (formats, hostile files, missing tools) query the database no differently
// on PostgreSQL: its run keeps the store and queue cases only, to stay short.
mediaQueueContract("local", { decoders: !process.env.DATABASE_URL?.startsWith("postgres") });
