import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { zipContract } from "@/test/contracts/zip-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

zipContract("local");
