import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { trashContract } from "@/test/contracts/trash-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

trashContract("local");
