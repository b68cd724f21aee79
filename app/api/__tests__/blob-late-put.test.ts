// Issue 12 finding 9: a PUT already streaming when its upload is cancelled or expires must not
// leave its bytes behind (local driver, through the blob route and the real books). A part is
// asked about once, before its body (issue 24): one streaming when its upload is cancelled keeps no
// record (the staging folder is removed), and one whose upload expired meanwhile cannot be completed.
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PUT } from "../blob/[token]/handlers";
import { newUser } from "@/test/api";
import { db } from "@/lib/db";
import { completeUpload, createUpload, discardUpload, findUpload, signParts } from "@/lib/uploads";
import { userActor } from "@/lib/files/access";
import { getDriver } from "@/lib/storage";
import { resetEnvCache } from "@/lib/env";

beforeAll(() => {
  process.env.MULTIPART_THRESHOLD = "16MiB"; // parts of 8 MiB for a 17 MiB file
  resetEnvCache();
});

const SIZE = 256 * 1024;

/** A request body sent in two halves: the second only when `release()` is called. */
function heldBody() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const half = new Uint8Array(SIZE / 2).fill(7);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(half);
      await released;
      controller.enqueue(half);
      controller.close();
    },
  });
  return { body, release };
}

const tmpDir = () => path.join(process.env.STORAGE_LOCAL_DIR!, ".tmp");
const tempFiles = async () => (await fs.readdir(tmpDir()).catch(() => [])).filter((n) => n.endsWith(".tmp"));

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 10));
}

/** Starts the PUT of a new upload through the route; resolves once its bytes are streaming to disk. */
async function startPut(ownerId: string) {
  const created = await createUpload(userActor(ownerId), {
    name: "late.bin",
    size: SIZE,
    type: "application/octet-stream",
  });
  if (!("url" in created)) throw new Error("expected a single PUT");
  const { body, release } = heldBody();
  const url = new URL(created.url);
  const request = new Request(url, {
    method: "PUT",
    headers: { ...created.headers, "content-length": String(SIZE) },
    body,
    duplex: "half",
  } as RequestInit);
  const token = url.pathname.split("/").pop()!;
  const response = PUT(request, { params: Promise.resolve({ token }) });
  await until(async () => (await tempFiles()).length > 0);
  expect(await tempFiles()).toHaveLength(1);
  const key = (await db.file.findUniqueOrThrow({ where: { id: created.fileId } })).storageKey;
  return { created, release, response, key };
}

async function expectNothingStored(key: string) {
  await expect(getDriver("local").stat(key)).rejects.toMatchObject({ name: "ObjectNotFoundError" });
  expect(await tempFiles()).toEqual([]);
}

describe("a PUT already in flight (local driver)", () => {
  it("is refused when its upload is cancelled meanwhile, and its bytes are removed at once", async () => {
    const owner = await newUser();
    const put = await startPut(owner.id);
    expect(await discardUpload(await findUpload(userActor(owner.id), put.created.uploadId), "cancelled")).toBe(true);
    put.release();
    const response = await put.response;
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    await expectNothingStored(put.key);
  });

  it("is refused when its upload expires meanwhile, and its bytes are removed at once", async () => {
    const owner = await newUser();
    const put = await startPut(owner.id);
    await db.upload.update({ where: { id: put.created.uploadId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    put.release();
    expect((await put.response).status).toBe(403);
    await expectNothingStored(put.key);
  });

  it("lands normally while its upload stays open", async () => {
    const owner = await newUser();
    const put = await startPut(owner.id);
    put.release();
    expect((await put.response).status).toBe(200);
    expect((await getDriver("local").stat(put.key)).size).toBe(SIZE);
    expect(await tempFiles()).toEqual([]);
  });
});

/** Starts the PUT of part 1 of a new multipart upload through the route; resolves once its bytes are streaming. */
async function startPart(ownerId: string) {
  const actor = userActor(ownerId);
  const created = await createUpload(actor, { name: "late.bin", size: 17 * 1024 * 1024, type: "application/zip" });
  if (!("multipart" in created)) throw new Error("expected a multipart upload");
  const { parts } = await signParts(actor, created.uploadId, [1]);
  const { partSize } = created.multipart;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new Uint8Array(partSize / 2).fill(1));
      await released;
      controller.enqueue(new Uint8Array(partSize / 2).fill(2));
      controller.close();
    },
  });
  const url = new URL(parts[0]!.url);
  const request = new Request(url, {
    method: "PUT",
    headers: { ...parts[0]!.headers, "content-length": String(partSize) },
    body,
    duplex: "half",
  } as RequestInit);
  const response = PUT(request, { params: Promise.resolve({ token: url.pathname.split("/").pop()! }) });
  const upload = await db.upload.findUniqueOrThrow({ where: { id: created.uploadId } });
  const staging = path.join(process.env.STORAGE_LOCAL_DIR!, ".multipart", upload.multipartId!);
  const writing = async () => (await fs.readdir(staging).catch(() => [])).some((n) => n.endsWith(".writing"));
  await until(writing);
  expect(await writing()).toBe(true);
  return { created, release, response, staging };
}

describe("a part already in flight (local driver)", () => {
  it("keeps no record when its upload is cancelled meanwhile: the staging folder is gone, the answer is not an ETag", async () => {
    const owner = await newUser();
    const part = await startPart(owner.id);
    expect(await discardUpload(await findUpload(userActor(owner.id), part.created.uploadId), "cancelled")).toBe(true);
    part.release();
    const response = await part.response;
    expect(response.status).toBe(404);
    expect(response.headers.get("etag")).toBeNull();
    await expect(fs.stat(part.staging)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("cannot make a file once its upload has expired, whatever the part was answered", async () => {
    const owner = await newUser();
    const part = await startPart(owner.id);
    await db.upload.update({ where: { id: part.created.uploadId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    part.release();
    const etag = (await part.response).headers.get("etag");
    await expect(
      completeUpload(userActor(owner.id), part.created.uploadId, [{ partNumber: 1, etag: etag ?? '"x"' }]),
    ).rejects.toMatchObject({ code: "gone" });
    expect(await db.file.count({ where: { id: part.created.fileId, status: "READY" } })).toBe(0);
  });
});
