// Issue 12 finding 9: a PUT already streaming when its upload is cancelled or expires must not
// leave its bytes behind (local driver, through the blob route and the real books).
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUT } from "../blob/[token]/handlers";
import { newUser } from "@/test/api";
import { db } from "@/lib/db";
import { createUpload, discardUpload, findUpload } from "@/lib/uploads";
import { userActor } from "@/lib/files/access";
import { getDriver } from "@/lib/storage";

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

describe("the local driver's commit check", () => {
  it("keeps no part of a multipart upload whose check refuses it, and no temp file", async () => {
    const driver = getDriver("local");
    const owner = await newUser();
    const key = `${owner.id}/multipart-late`;
    const { uploadId } = await driver.createMultipart({ key, type: "application/octet-stream", partSize: 1024 });
    const refuse = async () => {
      throw new Error("closed");
    };
    const part = (commitCheck?: () => Promise<void>) =>
      driver.putPart({ key, uploadId, partNumber: 1, body: new Blob(["hello"]).stream(), size: 5, commitCheck });
    await expect(part(refuse)).rejects.toThrow("closed");
    const staging = path.join(process.env.STORAGE_LOCAL_DIR!, ".multipart", uploadId);
    // Parts are written in place into the upload's one data file; a part counts once it is recorded.
    const partRecords = async () => (await fs.readdir(staging)).filter((name) => name.startsWith("00001."));
    expect(await partRecords()).toEqual([]);
    expect(await tempFiles()).toEqual([]);
    await expect(part(async () => {})).resolves.toMatchObject({ etag: expect.any(String) });
    expect(await partRecords()).toHaveLength(1);
  });
});
