// Signed URLs the app serves (local driver, S3 relay mode) stop working once their owner's
// account is disabled, through the real route and a real store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../blob/[token]/handlers";
import { isOwnerActive } from "@/lib/auth/users";
import { handleBlobRequest } from "@/lib/http/blob-endpoint";
import { call, newUser } from "@/test/api";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { getDriver, resetStorageForTests } from "@/lib/storage";
import { newStorageKey } from "@/lib/storage/keys";
import { streamOf } from "@/test/contracts/driver-contract";
import { startS3Server } from "@/test/s3-server";

let s3: Awaited<ReturnType<typeof startS3Server>>;

beforeAll(async () => {
  s3 = await startS3Server();
  Object.assign(process.env, s3.appEnv, { S3_PRESIGN: "false" });
  delete process.env.STORAGE_DRIVER; // new uploads keep the default driver; each test names the one it uses
  resetEnvCache();
  resetStorageForTests();
});

afterAll(async () => {
  for (const name of [
    "S3_ENDPOINT",
    "S3_BUCKET",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "S3_FORCE_PATH_STYLE",
    "S3_PRESIGN",
  ])
    delete process.env[name];
  resetEnvCache();
  resetStorageForTests();
  await s3?.stop();
});

const pathOf = (url: string) => new URL(url).pathname;
const tokenOf = (url: string) => pathOf(url).split("/").pop()!;

describe.each(["local", "s3"] as const)("a disabled owner's signed URLs (%s driver)", (driverName) => {
  it("answer 403 for downloads (through the route) and uploads once the owner is disabled, and work before", async () => {
    const owner = await newUser();
    const driver = getDriver(driverName);
    const key = newStorageKey(owner.id);
    await driver.write(key, streamOf("hello"), 5);
    const download = await driver.createDownloadUrl({
      key,
      filename: "a.txt",
      type: "text/plain",
      disposition: "attachment",
      expiresIn: 60,
    });
    const uploadUrl = () =>
      driver.createUploadUrl({ key: newStorageKey(owner.id), size: 3, type: "text/plain", expiresIn: 60 });
    // Uploads also need an open upload session (the route's other policy); the owner check alone here.
    const putTo = async (url: string) => {
      const request = new Request(url, {
        method: "PUT",
        body: "abc",
        headers: { "content-type": "text/plain" },
        duplex: "half",
      } as RequestInit);
      return handleBlobRequest(request, tokenOf(url), { isOwnerActive });
    };
    expect(pathOf(download.url)).toMatch(/^\/api\/blob\//);
    const fetchDownload = () =>
      call(GET as Parameters<typeof call>[0], { path: pathOf(download.url), params: { token: tokenOf(download.url) } });
    expect((await fetchDownload()).text).toBe("hello");
    expect((await putTo((await uploadUrl()).url)).status).toBe(200);

    await db.user.update({ where: { id: owner.id }, data: { disabledAt: new Date() } });
    const refused = await fetchDownload();
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("forbidden");
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await putTo((await uploadUrl()).url)).status).toBe(403);
  });
});
