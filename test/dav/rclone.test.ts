// The rclone round trip (test/dav/rclone-round-trip.ts) against the tests' server on the local
// driver, and afterwards the file listing the web UI reads holds exactly the synced tree. The S3
// driver's run is against the production server (e2e/webdav.spec.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startAppServer } from "../app-server";
import { newUser } from "../api";
import type { TestServer } from "../fetch-server";
import { rcloneRoundTrip } from "./rclone-round-trip";

let server: TestServer;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-rclone-"));

beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

it("copies a tree of 1,000 files up and back byte-identical, then syncs changes", async () => {
  const user = await newUser();
  const { localFiles } = await rcloneRoundTrip({ url: server.url, email: user.email, secret: user.token }, work);
  // What the web UI lists: the same number of live files.
  const liveFiles = await db.file.count({ where: { ownerId: user.id, status: "READY", deletedAt: null } });
  expect(liveFiles).toBe(localFiles);
}, 600_000);
