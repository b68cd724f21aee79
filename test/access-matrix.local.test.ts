import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { accessMatrix } from "./access-matrix-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  resetEnvCache();
});

accessMatrix("local");
