import { beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { uploadBatchContract } from "@/test/contracts/upload-batch-contract";

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  process.env.MULTIPART_THRESHOLD = "16MiB";
  resetEnvCache();
});

uploadBatchContract("local");
