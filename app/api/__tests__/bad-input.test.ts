// Bad input of every shape gets a 4xx in the error shape: never a 500, never a stack trace.
import { describe, expect, it } from "vitest";
import { POST as createUpload } from "../uploads/route";
import { POST as signParts } from "../uploads/[id]/parts/route";
import { POST as complete } from "../uploads/[id]/complete/route";
import { DELETE as abort } from "../uploads/[id]/route";
import { GET as listFiles } from "../files/route";
import { GET as download } from "../files/[id]/download/route";
import { PATCH as adminPatch } from "../admin/users/[id]/route";
import { POST as register } from "../register/route";
import { POST as createToken } from "../tokens/route";
import { call, newUser } from "@/test/api";

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("bad input", () => {
  it("answers 4xx in the error shape for every malformed request", async () => {
    const user = await newUser();
    const admin = await newUser({ role: "ADMIN" });
    const upload = (await call(createUpload, { method: "POST", token: user.token, body: { name: "a.bin", size: 10, type: "application/octet-stream" } })).json;
    const cases: [string, Promise<{ status: number; json: any; text: string }>][] = [
      ["upload: null body", call(createUpload, { method: "POST", token: user.token, body: "null" })],
      ["upload: array body", call(createUpload, { method: "POST", token: user.token, body: "[]" })],
      ["upload: huge size", call(createUpload, { method: "POST", token: user.token, body: { name: "x", size: 1e300, type: "text/plain" } })],
      ["upload: numeric folderId", call(createUpload, { method: "POST", token: user.token, body: { name: "x", size: 1, type: "text/plain", folderId: 123 } })],
      ["upload: name object", call(createUpload, { method: "POST", token: user.token, body: { name: { a: 1 }, size: 1, type: "text/plain" } })],
      ["parts: strings", call(signParts, { method: "POST", token: user.token, params: { id: upload.uploadId }, body: { partNumbers: ["1"] } })],
      ["parts: empty", call(signParts, { method: "POST", token: user.token, params: { id: upload.uploadId }, body: { partNumbers: [] } })],
      ["parts: unknown upload", call(signParts, { method: "POST", token: user.token, params: { id: "x".repeat(5000) }, body: { partNumbers: [1] } })],
      ["complete: etag object", call(complete, { method: "POST", token: user.token, params: { id: upload.uploadId }, body: { parts: [{ partNumber: 1, etag: {} }] } })],
      ["complete: parts not array", call(complete, { method: "POST", token: user.token, params: { id: upload.uploadId }, body: { parts: "all" } })],
      ["abort: unknown", call(abort, { method: "DELETE", token: user.token, params: { id: "nope" } })],
      ["list: limit text", call(listFiles, { token: user.token, path: "/api/files?limit=abc" })],
      ["list: cursor of wrong type", call(listFiles, { token: user.token, path: `/api/files?sort=size&cursor=${cursor(["name", "id"])}` })],
      ["list: cursor not JSON", call(listFiles, { token: user.token, path: `/api/files?cursor=${Buffer.from("{{").toString("base64url")}` })],
      ["list: cursor wrong shape", call(listFiles, { token: user.token, path: `/api/files?sort=createdAt&cursor=${cursor({ a: 1 })}` })],
      ["download: unknown", call(download, { token: user.token, params: { id: "nope" } })],
      ["download: pending file", call(download, { token: user.token, params: { id: upload.fileId } })],
      ["admin: quota text", call(adminPatch, { method: "PATCH", token: admin.token, params: { id: user.id }, body: { quotaBytes: "lots" } })],
      ["admin: unknown field", call(adminPatch, { method: "PATCH", token: admin.token, params: { id: user.id }, body: { isRoot: true } })],
      ["admin: fractional quota", call(adminPatch, { method: "PATCH", token: admin.token, params: { id: user.id }, body: { quotaBytes: 1.5 } })],
      ["register: long email", call(register, { method: "POST", body: { email: `${"a".repeat(300)}@example.com`, password: "password123" } })],
      ["register: password number", call(register, { method: "POST", body: { email: "n@example.com", password: 12345678 } })],
      ["token: long name", call(createToken, { method: "POST", token: user.token, body: { name: "x".repeat(101) } })],
    ];
    for (const [label, pending] of cases) {
      const res = await pending;
      expect(res.status, `${label}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${label}: ${res.text}`).toBeLessThan(500);
      expect(res.json?.error, label).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      expect(res.text, label).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });
});
