import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { requestsContract } from "@/test/contracts/requests-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

requestsContract("local");
