import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { versionsContract } from "@/test/contracts/versions-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

versionsContract("local");
