// A file request and a visitor's whole upload through it, over the router (dispatch), for the tests
// of file requests and of the mail their arrivals send.
import crypto from "node:crypto";
import { expect } from "vitest";
import { dispatch, newUser } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";

type User = Awaited<ReturnType<typeof newUser>>;
export const bytesOf = (n: number) => new Uint8Array(crypto.randomBytes(n));

export async function makeRequest(owner: User, folderId: string, body: Record<string, unknown> = {}) {
  const answer = await dispatch({
    method: "POST",
    path: `/api/folders/${folderId}/requests`,
    token: owner.token,
    body,
  });
  expect(answer.status).toBe(201);
  const token = decodeURIComponent(new URL(answer.json.request.url).pathname.split("/").pop()!);
  return { ...answer.json.request, token } as { id: string; token: string; url: string };
}

export const visitorHeaders = (ip: string, cookie?: string) => ({
  "x-stowage-client-address": ip,
  ...(cookie ? { cookie } : {}),
});

/** A visitor's whole upload: create, PUT to the signed URL, complete. */
export async function visitorUpload(
  token: string,
  name: string,
  bytes: Uint8Array,
  options: { password?: string; ip?: string; cookie?: string } = {},
) {
  const headers = visitorHeaders(options.ip ?? "198.51.100.7", options.cookie);
  const created = await dispatch({
    method: "POST",
    path: `/api/r/${token}/uploads`,
    headers,
    body: { name, size: bytes.byteLength, type: "text/plain", password: options.password },
  });
  if (created.status !== 201) return { status: created.status, json: created.json, cookie: undefined };
  const setCookie = created.headers.get("set-cookie")?.split(";")[0];
  const put = await signedFetch(created.json.url, { method: "PUT", body: bytes, headers: created.json.headers });
  expect(put.status).toBeLessThan(300);
  const cookie = options.cookie ?? setCookie;
  const done = await dispatch({
    method: "POST",
    path: `/api/r/${token}/uploads/${created.json.uploadId}/complete`,
    headers: visitorHeaders(options.ip ?? "198.51.100.7", cookie),
    body: {},
  });
  return { status: done.status, json: done.json, cookie, uploadId: created.json.uploadId as string };
}
