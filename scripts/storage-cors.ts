// `npm run storage:cors`: lets browsers on APP_URL upload to and download from the bucket.
// Sets the bucket's CORS configuration to one rule: origin APP_URL (plus any --origin given),
// methods PUT/GET/HEAD, any request header, ETag exposed (multipart completion reads it),
// cached for an hour. Replaces the bucket's existing CORS rules.
//
//   npm run storage:cors                       # origin from APP_URL
//   npm run storage:cors -- --origin https://files.example.com --dry-run
import "./load-env";
import { parseArgs } from "node:util";
import type { CORSRule } from "@aws-sdk/client-s3";
import { ConfigError, env } from "../lib/env";
import { defaultDriverName, getDriver } from "../lib/storage";
import { S3Driver } from "../lib/storage/s3";

const { values } = parseArgs({
  options: {
    origin: { type: "string", multiple: true },
    "dry-run": { type: "boolean", default: false },
  },
});

function origins(): string[] {
  const list = [new URL(env().APP_URL).origin];
  for (const extra of values.origin ?? []) {
    try {
      list.push(new URL(extra).origin);
    } catch {
      throw new ConfigError(`--origin "${extra}" is not a URL such as https://files.example.com`);
    }
  }
  return [...new Set(list)];
}

async function main(): Promise<number> {
  // A configured bucket gets its rule even while STORAGE_DRIVER=local (its old files are still served from it).
  if (!env().S3_BUCKET && defaultDriverName() !== "s3") {
    console.log(
      "No bucket configured (the local driver serves uploads and downloads through the app itself): nothing to do.\n" +
        "Set S3_BUCKET and the other S3_* variables to use a bucket.",
    );
    return 0;
  }
  const driver = getDriver("s3");
  if (!(driver instanceof S3Driver)) throw new Error("unexpected driver");
  const { bucket } = driver.settings;
  if (driver.relay) {
    console.log(
      `Relay mode (${driver.settings.provider === "runpod" ? "RunPod" : "S3_PRESIGN=false"}): browsers never talk to the bucket, so it needs no CORS rule.`,
    );
    return 0;
  }
  const rule: CORSRule = {
    AllowedOrigins: origins(),
    AllowedMethods: ["PUT", "GET", "HEAD"],
    AllowedHeaders: ["*"],
    ExposeHeaders: ["ETag"],
    MaxAgeSeconds: 3600,
  };
  console.log(`Bucket:   ${bucket} at ${driver.endpoint}`);
  console.log(`Origins:  ${rule.AllowedOrigins!.join(", ")}`);
  console.log(`Methods:  ${rule.AllowedMethods!.join(", ")}`);
  console.log(`Headers:  any request header; exposes ETag`);
  console.log(`Max age:  ${rule.MaxAgeSeconds} s`);
  if (values["dry-run"]) {
    console.log("\nDry run: nothing changed.");
    return 0;
  }
  await driver.putBucketCors([rule]);
  console.log(`\nDone: the bucket's CORS configuration is now this one rule (earlier rules were replaced).`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`storage:cors failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
