// Group PUTs on the local driver (issue 24): a batch create answers signed URLs that carry many
// small files' bytes in one request, split by the signed sizes. Through the real routes, the real
// blob endpoint and the real disk: a whole group is stored and completes; a body of the wrong
// length, a tampered or expired token store nothing; a closed upload refuses its group.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as batchRoute } from "@/app/api/uploads/batch/handlers";
import { POST as batchCompleteRoute } from "@/app/api/uploads/batch/complete/handlers";
import { DELETE as abortRoute } from "@/app/api/uploads/[id]/handlers";
import { call, newUser } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";
import type { SingleUploadTarget, UploadGroupTarget } from "@/lib/schemas/uploads";
import { resetEnvCache } from "@/lib/env";
import { usageOf } from "@/lib/quota";
import { db } from "@/lib/db";
import { getDriver } from "@/lib/storage";
import type { LocalDriver } from "@/lib/storage/local";
import { MAX_GROUP_FILES, signUrlToken, tokenFromBlobUrl, verifyUrlToken } from "@/lib/storage/url-token";

type User = Awaited<ReturnType<typeof newUser>>;

beforeAll(() => {
  process.env.STORAGE_DRIVER = "local";
  process.env.MULTIPART_THRESHOLD = "16MiB";
  resetEnvCache();
});

async function createBatch(user: User, sizes: number[]) {
  const files = sizes.map((size, i) => ({ name: `g${i}.bin`, size, type: "application/octet-stream" }));
  const reply = await call(batchRoute, { method: "POST", token: user.token, body: { files } });
  expect(reply.status).toBe(200);
  const uploads = reply.json.uploads as SingleUploadTarget[];
  const groups = (reply.json.groups ?? []) as UploadGroupTarget[];
  return { uploads, groups, bodies: sizes.map((size) => crypto.randomBytes(size)) };
}

const bodyOf = (group: UploadGroupTarget, uploads: SingleUploadTarget[], bodies: Buffer[]) =>
  Buffer.concat(group.uploadIds.map((id) => bodies[uploads.findIndex((u) => u.uploadId === id)]!));

const putGroup = (url: string, body: Uint8Array) =>
  signedFetch(url, { method: "PUT", body, headers: { "Content-Type": "application/octet-stream" } });

async function stored(uploads: SingleUploadTarget[]): Promise<boolean[]> {
  const files = await db.file.findMany({ where: { id: { in: uploads.map((u) => u.fileId) } } });
  return Promise.all(
    files.map((f) =>
      getDriver("local")
        .stat(f.storageKey)
        .then(
          () => true,
          () => false,
        ),
    ),
  );
}

describe("group PUTs on the local driver", () => {
  it("stores every member of a group from one body, split by the signed sizes", async () => {
    const user = await newUser();
    const sizes = Array.from({ length: MAX_GROUP_FILES + 6 }, (_, i) => (i === 3 ? 0 : 500 + i));
    const { uploads, groups, bodies } = await createBatch(user, sizes);
    // 70 files: one full group and one of the rest, in batch order.
    expect(groups.map((g) => g.uploadIds.length)).toEqual([MAX_GROUP_FILES, 6]);
    expect(groups.flatMap((g) => g.uploadIds)).toEqual(uploads.map((u) => u.uploadId));
    for (const group of groups) expect((await putGroup(group.url, bodyOf(group, uploads, bodies))).status).toBe(200);

    const done = await call(batchCompleteRoute, {
      method: "POST",
      token: user.token,
      body: { uploadIds: uploads.map((u) => u.uploadId) },
    });
    expect(done.json.results.every((r: { file?: unknown }) => r.file)).toBe(true);
    const rows = await db.file.findMany({ where: { ownerId: user.id }, orderBy: { name: "asc" } });
    for (const row of rows) {
      const i = Number(row.name.slice(1, -4));
      const { body } = await getDriver("local").read(row.storageKey);
      const got = Buffer.from(await new Response(body).arrayBuffer());
      expect(got.equals(bodies[i]!)).toBe(true);
    }
    expect(await usageOf(user.id)).toMatchObject({ usedBytes: sizes.reduce((a, b) => a + b, 0), reservedBytes: 0 });
  });

  it("stores nothing from a body shorter or longer than the signed total (400; 413 when only the stream tells)", async () => {
    const user = await newUser();
    const { uploads, groups, bodies } = await createBatch(user, [300, 400, 500]);
    const body = bodyOf(groups[0]!, uploads, bodies);
    // Content-Length other than the signed total: refused before reading.
    expect((await putGroup(groups[0]!.url, body.subarray(0, body.length - 1))).status).toBe(400);
    expect((await putGroup(groups[0]!.url, Buffer.concat([body, Buffer.from([1])]))).status).toBe(400);
    // No Content-Length (a chunked body): the length only shows while reading.
    const grant = verifyUrlToken(tokenFromBlobUrl(groups[0]!.url)!);
    if (!grant.ok || grant.grant.op !== "group") throw new Error("not a group grant");
    const { keys, sizes } = grant.grant;
    const members = keys.map((key, i) => ({ key, size: sizes[i]! }));
    const local = getDriver("local") as LocalDriver;
    const chunked = async function* (bytes: Uint8Array) {
      for (let at = 0; at < bytes.length; at += 256) yield bytes.subarray(at, at + 256);
    };
    await expect(local.putGroup(members, chunked(body.subarray(0, 700)))).rejects.toMatchObject({
      reason: "too_short",
      status: 400,
    });
    await expect(local.putGroup(members, chunked(Buffer.concat([body, Buffer.from([1])])))).rejects.toMatchObject({
      reason: "too_large",
    });
    expect(await stored(uploads)).toEqual([false, false, false]);
    // The files' own URLs still work (a failed group falls back to them).
    for (const [i, u] of uploads.entries())
      expect((await signedFetch(u.url, { method: "PUT", body: bodies[i]!, headers: u.headers })).status).toBe(200);
    const done = await call(batchCompleteRoute, {
      method: "POST",
      token: user.token,
      body: { uploadIds: uploads.map((u) => u.uploadId) },
    });
    expect(done.json.results.every((r: { file?: unknown }) => r.file)).toBe(true);
    expect(await usageOf(user.id)).toMatchObject({ usedBytes: 1200, reservedBytes: 0 });
  });

  it("refuses a tampered, re-signed-elsewhere or expired group token, storing nothing", async () => {
    const user = await newUser();
    const { uploads, groups, bodies } = await createBatch(user, [100, 200]);
    const token = tokenFromBlobUrl(groups[0]!.url)!;
    const grant = verifyUrlToken(token);
    expect(grant.ok && grant.grant.op).toBe("group");
    const [payload, signature] = token.split(".");
    const raw = JSON.parse(Buffer.from(payload!, "base64url").toString());
    raw.s = [200, 100]; // swap the sizes: same total
    const tampered = `${Buffer.from(JSON.stringify(raw)).toString("base64url")}.${signature}`;
    const url = (t: string) => groups[0]!.url.replace(token, t);
    const body = bodyOf(groups[0]!, uploads, bodies);
    expect((await putGroup(url(tampered), body)).status).toBe(403);
    if (!grant.ok || grant.grant.op !== "group") throw new Error("not a group grant");
    const { keys, sizes } = grant.grant;
    const expired = signUrlToken({ op: "group", driver: "local", keys, sizes }, 60, Date.now() - 120_000).token;
    const reply = await putGroup(url(expired), body);
    expect(reply.status).toBe(403);
    expect(await reply.text()).toMatch(/expired/);
    expect(await stored(uploads)).toEqual([false, false]);
  });

  it("refuses the group once one member's upload is cancelled", async () => {
    const user = await newUser();
    const { uploads, groups, bodies } = await createBatch(user, [10, 20, 30]);
    await call(abortRoute, { method: "DELETE", token: user.token, params: { id: uploads[1]!.uploadId } });
    expect((await putGroup(groups[0]!.url, bodyOf(groups[0]!, uploads, bodies))).status).toBe(403);
    expect(await stored([uploads[0]!, uploads[2]!])).toEqual([false, false]);
  });

  it("answers no groups for a batch of one file or of files too large to share a request", async () => {
    const user = await newUser();
    expect((await createBatch(user, [100])).groups).toEqual([]);
    expect((await createBatch(user, [2 * 1024 * 1024, 2 * 1024 * 1024])).groups).toEqual([]);
  });
});
