// Helpers for the share tests: real files and folders (made through the app's own paths), links
// made through the API, and visitor requests through the public route handlers.
import crypto from "node:crypto";
import { POST as createFileShare } from "@/app/api/files/[id]/shares/handlers";
import { POST as createFolderShare } from "@/app/api/folders/[id]/shares/handlers";
import { GET as downloadGet, POST as downloadPost } from "@/app/s/[token]/handlers/download";
import { GET as previewGet } from "@/app/s/[token]/handlers/preview";
import { GET as zipGet } from "@/app/s/[token]/handlers/zip";
import { userActor } from "@/lib/files/access";
import { createFolder } from "@/lib/files/folders";
import { uploadFile } from "@/test/files";
import { call, newUser, ORIGIN, readReply } from "@/test/api";

// Visitors are told apart by the address the server stamps (server/host.ts); the tests send that
// header themselves.

// Public routes type their params as Next generates them; call() passes a plain record.
const getDownload = downloadGet as never;
const postDownload = downloadPost as never;

export type User = Awaited<ReturnType<typeof newUser>>;

/** A READY file uploaded the way the browser does it (on the configured driver), with its bytes. */
export async function storedFile(
  owner: User,
  name: string,
  options: { folderId?: string | null; bytes?: Uint8Array; type?: string } = {},
) {
  const bytes = options.bytes ?? crypto.randomBytes(1000);
  const file = await uploadFile(owner, name, bytes, options);
  return { ...file, bytes };
}

export async function folder(owner: User, name: string, parentId: string | null = null) {
  return (await createFolder(userActor(owner.id), { name, parentId })).folder;
}

export async function share(
  user: User,
  target: { file?: string; folder?: string },
  body: Record<string, unknown> = {},
) {
  const handler = target.file ? createFileShare : createFolderShare;
  const id = target.file ?? target.folder!;
  const res = await call(handler, { method: "POST", token: user.token, params: { id }, body });
  if (res.status !== 201) throw new Error(`share create answered ${res.status}: ${res.text}`);
  return { ...res.json.share, token: tokenOf(res.json.share.url) };
}

export const tokenOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").pop()!);

export interface VisitOptions {
  file?: string;
  password?: string;
  ip?: string;
  cookie?: string;
  form?: boolean;
}

/** A visitor's download: GET, or POST with the password (JSON, or a form when `form`). */
export async function visit(token: string, options: VisitOptions = {}) {
  const query = options.file ? `?file=${encodeURIComponent(options.file)}` : "";
  const headers: Record<string, string> = {
    "x-stowage-client-address": options.ip ?? "203.0.113.1",
    "user-agent": "share-test/1.0",
  };
  if (options.cookie) headers.cookie = options.cookie;
  const base = { path: `/s/${token}/download${query}`, params: { token }, headers };
  if (options.password === undefined) return call(getDownload, base);
  if (options.form) {
    // call() sends JSON; a browser form is sent by hand.
    const request = new Request(`${ORIGIN}${base.path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams({ password: options.password }),
    });
    const response = await downloadPost(request, { params: Promise.resolve({ token }) });
    return readReply(response);
  }
  return call(postDownload, { ...base, method: "POST", body: { password: options.password } });
}

const visitorHeaders = (ip = "203.0.113.1") => ({ "x-stowage-client-address": ip, "user-agent": "share-test/1.0" });

/** A visitor's preview of one file of the link (a 302 to an inline URL). */
export function preview(token: string, fileId: string) {
  const path = `/s/${token}/preview?file=${encodeURIComponent(fileId)}`;
  return call(previewGet as never, { path, params: { token }, headers: visitorHeaders() });
}

/** A visitor's "Download all" of a folder link (or of `folderId` inside it). */
export function zip(token: string, folderId?: string) {
  const path = `/s/${token}/zip${folderId ? `?folder=${encodeURIComponent(folderId)}` : ""}`;
  return call(zipGet as never, { path, params: { token }, headers: visitorHeaders() });
}
