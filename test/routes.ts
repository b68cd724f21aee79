// Every API route of the app in ONE list: the access-control matrix (test/access-matrix-contract.ts)
// and the fuzz (app/api/__tests__/fuzz.test.ts) are generated from it, and routes.test.ts fails
// when a route file under app/api exports a method this list does not name.
import * as adminAudit from "@/app/api/admin/audit/route";
import * as adminStorage from "@/app/api/admin/storage/route";
import * as adminUsageCsv from "@/app/api/admin/usage.csv/route";
import * as adminUsage from "@/app/api/admin/usage/route";
import * as adminResetLink from "@/app/api/admin/users/[id]/reset-link/route";
import * as adminUser from "@/app/api/admin/users/[id]/route";
import * as adminUsers from "@/app/api/admin/users/route";
import * as auth from "@/app/api/auth/[...nextauth]/route";
import * as blob from "@/app/api/blob/[token]/route";
import * as fileDownload from "@/app/api/files/[id]/download/route";
import * as fileRestore from "@/app/api/files/[id]/restore/route";
import * as file from "@/app/api/files/[id]/route";
import * as fileShares from "@/app/api/files/[id]/shares/route";
import * as fileThumbnail from "@/app/api/files/[id]/thumbnail/route";
import * as filesBulk from "@/app/api/files/bulk/route";
import * as files from "@/app/api/files/route";
import * as folderRestore from "@/app/api/folders/[id]/restore/route";
import * as folder from "@/app/api/folders/[id]/route";
import * as folderShares from "@/app/api/folders/[id]/shares/route";
import * as folderZip from "@/app/api/folders/[id]/zip/route";
import * as foldersEnsure from "@/app/api/folders/ensure/route";
import * as folders from "@/app/api/folders/route";
import * as foldersTree from "@/app/api/folders/tree/route";
import * as health from "@/app/api/health/route";
import * as me from "@/app/api/me/route";
import * as meSessions from "@/app/api/me/sessions/route";
import * as passwordToken from "@/app/api/password-tokens/[token]/route";
import * as register from "@/app/api/register/route";
import * as share from "@/app/api/shares/[id]/route";
import * as shares from "@/app/api/shares/route";
import * as token from "@/app/api/tokens/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import * as trash from "@/app/api/trash/route";
import * as uploadComplete from "@/app/api/uploads/[id]/complete/route";
import * as uploadParts from "@/app/api/uploads/[id]/parts/route";
import * as upload from "@/app/api/uploads/[id]/route";
import * as uploads from "@/app/api/uploads/route";
import * as unknownPath from "@/app/api/[...path]/route";
import * as zip from "@/app/api/zip/route";

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
export type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/** Another account's things, by id: what a route's path, query or body may name. */
export interface Victim {
  fileId: string;
  folderId: string;
  shareId: string;
  tokenId: string;
  uploadId: string;
  userId: string;
}

export interface ApiRoute {
  method: Method;
  /** The route file's path under app/, brackets and all: `/api/files/[id]`. */
  path: string;
  handler: Handler;
  /** Who may call it: a signed-in user, an admin only, or anyone (the route checks its own credential). */
  access: "user" | "admin" | "public";
  /** The route's params naming another account's thing (absent: the route names nothing of anyone's). */
  params?: (victim: Victim) => Record<string, unknown>;
  query?: (victim: Victim) => string;
  body?: (victim: Victim) => unknown;
  /** For body-less non-JSON routes (a thumbnail is raw image bytes). */
  contentType?: string;
  /**
   * next-auth's own handler reads cookies() from Next's request scope, which exists only inside a
   * running Next server: route tests can call it only for the paths our wrapper answers itself.
   */
  needsNextServer?: boolean;
}

type Module = Partial<Record<Method, unknown>>;
const h = (module: Module, method: Method) => module[method] as Handler;
const id = (key: keyof Victim) => (v: Victim) => ({ id: v[key] });

function r(module: Module, method: Method, path: string, access: ApiRoute["access"], rest: Partial<ApiRoute> = {}) {
  return { method, path, handler: h(module, method), access, ...rest } satisfies ApiRoute;
}

export const API_ROUTES: ApiRoute[] = [
  r(adminAudit, "GET", "/api/admin/audit", "admin", { query: (v) => `target=${v.fileId}` }),
  r(adminStorage, "GET", "/api/admin/storage", "admin"),
  r(adminUsageCsv, "GET", "/api/admin/usage.csv", "admin"),
  r(adminUsage, "GET", "/api/admin/usage", "admin"),
  r(adminResetLink, "POST", "/api/admin/users/[id]/reset-link", "admin", { params: id("userId") }),
  r(adminUser, "GET", "/api/admin/users/[id]", "admin", { params: id("userId") }),
  r(adminUser, "PATCH", "/api/admin/users/[id]", "admin", { params: id("userId"), body: () => ({ quotaBytes: 1 }) }),
  r(adminUsers, "POST", "/api/admin/users", "admin", { body: () => ({ email: "matrix-new@example.com" }) }),
  r(auth, "GET", "/api/auth/[...nextauth]", "public", {
    params: () => ({ nextauth: ["session"] }),
    needsNextServer: true,
  }),
  r(auth, "POST", "/api/auth/[...nextauth]", "public", {
    params: () => ({ nextauth: ["callback", "credentials"] }),
    needsNextServer: true,
  }),
  ...(["GET", "HEAD", "PUT", "OPTIONS"] as const).map((m) =>
    r(blob, m, "/api/blob/[token]", "public", { params: () => ({ token: "not-a-token" }) }),
  ),
  r(fileDownload, "GET", "/api/files/[id]/download", "user", { params: id("fileId") }),
  r(fileRestore, "POST", "/api/files/[id]/restore", "user", { params: id("fileId") }),
  r(file, "GET", "/api/files/[id]", "user", { params: id("fileId") }),
  r(file, "PATCH", "/api/files/[id]", "user", { params: id("fileId"), body: () => ({ name: "renamed.txt" }) }),
  r(file, "DELETE", "/api/files/[id]", "user", { params: id("fileId") }),
  r(fileShares, "POST", "/api/files/[id]/shares", "user", { params: id("fileId"), body: () => ({}) }),
  r(fileThumbnail, "GET", "/api/files/[id]/thumbnail", "user", { params: id("fileId") }),
  r(fileThumbnail, "PUT", "/api/files/[id]/thumbnail", "user", {
    params: id("fileId"),
    body: () => "RIFF0000WEBPVP8 ",
    contentType: "image/webp",
  }),
  r(filesBulk, "POST", "/api/files/bulk", "user", {
    body: (v) => ({ action: "trash", fileIds: [v.fileId], folderIds: [] }),
  }),
  r(files, "GET", "/api/files", "user", { query: (v) => `folderId=${v.folderId}` }),
  r(folderRestore, "POST", "/api/folders/[id]/restore", "user", { params: id("folderId") }),
  r(folder, "GET", "/api/folders/[id]", "user", { params: id("folderId") }),
  r(folder, "PATCH", "/api/folders/[id]", "user", { params: id("folderId"), body: () => ({ name: "renamed" }) }),
  r(folder, "DELETE", "/api/folders/[id]", "user", { params: id("folderId") }),
  r(folderShares, "POST", "/api/folders/[id]/shares", "user", { params: id("folderId"), body: () => ({}) }),
  r(folderZip, "GET", "/api/folders/[id]/zip", "user", { params: id("folderId") }),
  r(foldersEnsure, "POST", "/api/folders/ensure", "user", { body: (v) => ({ parentId: v.folderId, path: ["x"] }) }),
  r(folders, "POST", "/api/folders", "user", { body: (v) => ({ name: "x", parentId: v.folderId }) }),
  r(foldersTree, "GET", "/api/folders/tree", "user"),
  r(health, "GET", "/api/health", "public"),
  r(me, "GET", "/api/me", "user"),
  r(meSessions, "DELETE", "/api/me/sessions", "user"),
  r(passwordToken, "POST", "/api/password-tokens/[token]", "public", {
    params: () => ({ token: "unknown-token" }),
    body: () => ({ password: "a new password" }),
  }),
  r(register, "POST", "/api/register", "public", {
    body: () => ({ email: "matrix-register@example.com", password: "long enough" }),
  }),
  r(share, "PATCH", "/api/shares/[id]", "user", { params: id("shareId"), body: () => ({ maxDownloads: 5 }) }),
  r(share, "DELETE", "/api/shares/[id]", "user", { params: id("shareId") }),
  r(shares, "GET", "/api/shares", "user"),
  r(token, "DELETE", "/api/tokens/[id]", "user", { params: id("tokenId") }),
  r(tokens, "GET", "/api/tokens", "user"),
  r(tokens, "POST", "/api/tokens", "user", { body: () => ({ name: "matrix" }) }),
  r(trash, "GET", "/api/trash", "user"),
  r(trash, "DELETE", "/api/trash", "user"),
  r(uploadComplete, "POST", "/api/uploads/[id]/complete", "user", { params: id("uploadId"), body: () => ({}) }),
  r(uploadParts, "POST", "/api/uploads/[id]/parts", "user", {
    params: id("uploadId"),
    body: () => ({ partNumbers: [1] }),
  }),
  r(upload, "GET", "/api/uploads/[id]", "user", { params: id("uploadId") }),
  r(upload, "DELETE", "/api/uploads/[id]", "user", { params: id("uploadId") }),
  r(uploads, "POST", "/api/uploads", "user", {
    body: (v) => ({ name: "x.txt", size: 1, type: "text/plain", folderId: v.folderId }),
  }),
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((m) =>
    r(unknownPath, m, "/api/[...path]", "public", { params: () => ({ path: ["no", "such"] }) }),
  ),
  r(zip, "POST", "/api/zip", "user", { body: (v) => ({ fileIds: [v.fileId], folderIds: [] }) }),
];

/** A path segment, escaped; text that cannot be (a lone surrogate) goes as it is and the URL parser copes. */
function encodeSegment(part: unknown): string {
  try {
    return encodeURIComponent(String(part));
  } catch {
    return String(part);
  }
}

/** The URL path of a route with its params filled in (`[id]` → the id, `[...x]` → its segments). */
export function urlPath(route: ApiRoute, params: Record<string, unknown>): string {
  return route.path.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    const parts = Array.isArray(value) ? value : [value];
    return parts.map(encodeSegment).join("/");
  });
}
