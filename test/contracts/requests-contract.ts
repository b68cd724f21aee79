// File requests against a real store, run by lib/requests/requests.local.test.ts and requests.s3.test.ts:
// a visitor without an account adds files (signed PUTs straight to the store, as users upload) into
// the folder and learns nothing else of it; limits, password, expiry and revocation; the owner's
// quota exact under a race with the owner's own uploads; the badge and the audit log.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dispatch, newUser } from "@/test/api";
import { uploadFile } from "@/test/files";
import { folder } from "@/test/shares";
import { bytesOf, makeRequest, visitorHeaders, visitorUpload } from "@/test/requests";

export function requestsContract(driverName: "local" | "s3") {
  describe(`file requests on the ${driverName} driver`, () => {
    it("takes files into the folder and shows the visitor nothing of it", async () => {
      const owner = await newUser();
      const inbox = await folder(owner, "Client inbox");
      await uploadFile(owner, "a.txt", bytesOf(10), { folderId: inbox.id });
      const request = await makeRequest(owner, inbox.id, {
        message: "Drop the scans here",
        maxFiles: 3,
        maxFileBytes: 1000,
      });

      const info = await dispatch({ path: `/api/r/${request.token}`, headers: visitorHeaders("198.51.100.7") });
      expect(info.status).toBe(200);
      expect(info.json.request).toMatchObject({
        message: "Drop the scans here",
        filesLeft: 3,
        passwordRequired: false,
      });
      expect(info.text).not.toContain("Client inbox");
      expect(info.text).not.toContain("a.txt");

      const sent = [bytesOf(100), bytesOf(200), bytesOf(300)];
      const names = [];
      for (const [i, bytes] of sent.entries()) {
        const done = await visitorUpload(request.token, i === 0 ? "a.txt" : `scan-${i}.txt`, bytes);
        expect(done.status).toBe(200);
        expect(Object.keys(done.json.file).sort()).toEqual(["name", "size"]);
        names.push(done.json.file.name);
      }
      expect(names).toEqual(["a (1).txt", "scan-1.txt", "scan-2.txt"]);
      const files = await db.file.findMany({
        where: { folderId: inbox.id, status: "READY" },
        orderBy: { name: "asc" },
      });
      expect(files.map((f) => [f.name, Number(f.size), f.driver])).toEqual([
        ["a (1).txt", 100, driverName],
        ["a.txt", 10, driverName],
        ["scan-1.txt", 200, driverName],
        ["scan-2.txt", 300, driverName],
      ]);
      const usage = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
      expect([Number(usage.usedBytes), Number(usage.reservedBytes), usage.fileCount]).toEqual([610, 0, 4]);

      // Full: a fourth file is refused; the size limit holds (and the signed URL binds the size).
      expect((await visitorUpload(request.token, "d.txt", bytesOf(10))).status).toBe(403);
      const big = await makeRequest(owner, inbox.id, { maxFileBytes: 1000 });
      const tooBig = await visitorUpload(big.token, "big.bin", bytesOf(1001));
      expect([tooBig.status, tooBig.json.error.code]).toEqual([413, "too_large"]);

      // The owner's badge and audit log.
      const list = await dispatch({ path: "/api/requests", token: owner.token });
      expect(list.json.items.find((r: { id: string }) => r.id === request.id)).toMatchObject({
        fileCount: 3,
        unseenCount: 3,
      });
      const events = await db.auditEvent.findMany({
        where: { action: "file.upload", details: { contains: `request:${request.id}` } },
      });
      expect(events).toHaveLength(3);
      expect(
        (await dispatch({ method: "POST", path: `/api/requests/${request.id}/seen`, token: owner.token })).status,
      ).toBe(204);
      expect((await db.fileRequest.findUniqueOrThrow({ where: { id: request.id } })).unseenCount).toBe(0);
    });

    it("asks for the password (rate-limited like share links) and remembers a right one for the visit", async () => {
      const owner = await newUser();
      const inbox = await folder(owner, "Private inbox");
      const request = await makeRequest(owner, inbox.id, { password: "open sesame" });
      const missing = await visitorUpload(request.token, "x.txt", bytesOf(5));
      expect([missing.status, missing.json.error.code, missing.json.error.passwordRequired]).toEqual([
        403,
        "forbidden",
        true,
      ]);
      expect((await visitorUpload(request.token, "x.txt", bytesOf(5), { password: "wrong" })).status).toBe(403);
      const right = await visitorUpload(request.token, "x.txt", bytesOf(5), { password: "open sesame" });
      expect(right.status).toBe(200);
      expect(right.cookie).toMatch(/^stowage_request_unlock=/);
      // The cookie alone serves the rest of the visit.
      expect((await visitorUpload(request.token, "y.txt", bytesOf(5), { cookie: right.cookie })).status).toBe(200);
      // Ten wrong guesses from one address: the next is refused unchecked.
      const statuses = [];
      for (let i = 0; i < 11; i++)
        statuses.push(
          (await visitorUpload(request.token, "z.txt", bytesOf(5), { password: "guess", ip: "203.0.113.99" })).status,
        );
      expect(statuses.at(-1)).toBe(429);
      expect(await db.file.count({ where: { folderId: inbox.id } })).toBe(2);
    });

    it("answers 404 for unknown links, 410 once revoked or expired, and never touches another link's uploads", async () => {
      const owner = await newUser();
      const inbox = await folder(owner, "Inbox");
      const request = await makeRequest(owner, inbox.id, { expiresIn: 60 });
      const other = await makeRequest(owner, inbox.id);
      expect((await dispatch({ path: `/api/r/not-a-token` })).status).toBe(404);
      // An upload started through one link cannot be completed through another.
      const created = await dispatch({
        method: "POST",
        path: `/api/r/${request.token}/uploads`,
        body: { name: "q.txt", size: 3, type: "text/plain" },
      });
      expect(created.status).toBe(201);
      const foreign = await dispatch({
        method: "POST",
        path: `/api/r/${other.token}/uploads/${created.json.uploadId}/complete`,
        body: {},
      });
      expect(foreign.status).toBe(404);
      // The owner's own upload id through a link: 404 too.
      const own = await dispatch({
        method: "POST",
        path: "/api/uploads",
        token: owner.token,
        body: { name: "o.txt", size: 3, type: "text/plain" },
      });
      expect(
        (
          await dispatch({
            method: "POST",
            path: `/api/r/${request.token}/uploads/${own.json.uploadId}/complete`,
            body: {},
          })
        ).status,
      ).toBe(404);

      await db.fileRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await dispatch({ path: `/api/r/${request.token}` })).status).toBe(410);
      expect((await dispatch({ method: "DELETE", path: `/api/requests/${other.id}`, token: owner.token })).status).toBe(
        204,
      );
      const revoked = await visitorUpload(other.token, "late.txt", bytesOf(3));
      expect([revoked.status, revoked.json.error.code]).toEqual([410, "gone"]);
      // Another user cannot see or revoke it.
      const stranger = await newUser();
      expect(
        (await dispatch({ method: "DELETE", path: `/api/requests/${other.id}`, token: stranger.token })).status,
      ).toBe(404);
    });

    it("keeps the owner's quota exact under a race between visitors and the owner's own uploads", async () => {
      const owner = await newUser({ quotaBytes: 1000 });
      const inbox = await folder(owner, "Race");
      const request = await makeRequest(owner, inbox.id);
      const attempts = await Promise.all([
        ...Array.from({ length: 5 }, (_, i) =>
          dispatch({
            method: "POST",
            path: `/api/r/${request.token}/uploads`,
            body: { name: `v${i}.bin`, size: 300, type: "application/octet-stream" },
          }),
        ),
        ...Array.from({ length: 5 }, (_, i) =>
          dispatch({
            method: "POST",
            path: "/api/uploads",
            token: owner.token,
            body: { name: `o${i}.bin`, size: 300, type: "application/octet-stream" },
          }),
        ),
      ]);
      expect(attempts.filter((a) => a.status === 201)).toHaveLength(3);
      const refused = attempts.filter((a) => a.status === 413);
      expect(refused.every((a) => a.json.error.code === "quota_exceeded")).toBe(true);
      // A visitor learns nothing of the owner's space.
      for (const a of refused.filter((a) => a.text.includes("Ask the person")))
        expect(a.json.error.remainingBytes).toBeUndefined();
      expect(refused.some((a) => a.text.includes("Ask the person"))).toBe(true);
      const row = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
      expect(Number(row.reservedBytes) + Number(row.usedBytes)).toBe(900);
    });
  });
}
