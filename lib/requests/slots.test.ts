// A file request's "maximum files" counts a visitor's upload from its start (so two visitors cannot
// both take the last slot), and gives the slot back when the upload ends without a file: aborted,
// or expired and swept. An abandoned upload holds it no longer than the upload lives.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sweepExpiredUploads } from "@/lib/uploads";
import { dispatch, newUser } from "@/test/api";
import { folder } from "@/test/shares";
import { makeRequest, visitorHeaders, visitorUpload, bytesOf } from "@/test/requests";

const headers = visitorHeaders("198.51.100.9");
const start = (token: string, name: string) =>
  dispatch({ method: "POST", path: `/api/r/${token}/uploads`, headers, body: { name, size: 5, type: "text/plain" } });

describe("file request slots", () => {
  it("an aborted or expired visitor upload gives its slot back", async () => {
    const owner = await newUser();
    const inbox = await folder(owner, "Slots");
    const request = await makeRequest(owner, inbox.id, { maxFiles: 1 });
    const filesLeft = async () =>
      (await dispatch({ path: `/api/r/${request.token}`, headers })).json.request.filesLeft as number;

    const first = await start(request.token, "a.txt");
    expect(first.status).toBe(201);
    expect(await filesLeft()).toBe(0);
    expect([(await start(request.token, "b.txt")).status]).toEqual([403]);
    // Aborted by the visitor: the slot is free again.
    const cookie = first.headers.get("set-cookie")?.split(";")[0];
    const aborted = await dispatch({
      method: "DELETE",
      path: `/api/r/${request.token}/uploads/${first.json.uploadId}`,
      headers: visitorHeaders("198.51.100.9", cookie),
    });
    expect(aborted.status).toBe(204);
    expect(await filesLeft()).toBe(1);

    // Abandoned: held until it expires, then the sweeper frees it.
    const abandoned = await start(request.token, "c.txt");
    expect(abandoned.status).toBe(201);
    expect((await start(request.token, "d.txt")).status).toBe(403);
    await db.upload.update({
      where: { id: abandoned.json.uploadId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await sweepExpiredUploads();
    expect(await filesLeft()).toBe(1);

    // A finished file keeps its slot.
    expect((await visitorUpload(request.token, "e.txt", bytesOf(5), { ip: "198.51.100.9" })).status).toBe(200);
    expect(await filesLeft()).toBe(0);
    await sweepExpiredUploads();
    expect(await filesLeft()).toBe(0);
    expect((await db.fileRequest.findUniqueOrThrow({ where: { id: request.id } })).fileCount).toBe(1);
  });
});
