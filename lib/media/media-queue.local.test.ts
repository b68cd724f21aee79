import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { mediaQueueContract } from "@/test/contracts/media-queue-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

mediaQueueContract("local");
