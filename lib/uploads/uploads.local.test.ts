import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { uploadContract } from "@/test/contracts/uploads-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  process.env.MULTIPART_THRESHOLD = "16MiB";
  resetEnvCache();
});

uploadContract("local");
