import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { mediaContract } from "@/test/contracts/media-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

mediaContract("local");
