// What a request to each of the app's routes needs in the tests: which of another account's things
// its path, query or body names. Keyed by `METHOD path` as app/routes.ts declares them; a declared
// route not described here names nothing. Plain data (no app imports), so the browser-phase specs
// can use it too.
/** Another account's things, by id: what a route's path, query or body may name. */
export interface Victim {
  /** An app password (lib/auth/app-passwords.ts). */
  appPasswordId: string;
  fileId: string;
  folderId: string;
  /** A passkey (lib/auth/passkeys.ts). */
  passkeyId: string;
  /** A grant the victim made (sharing their folder with a third user). */
  grantId: string;
  /** A group the victim belongs to (admin routes name it). */
  groupId: string;
  /** A sign-in session (lib/auth/sessions.ts). */
  sessionId: string;
  shareId: string;
  tokenId: string;
  uploadId: string;
  userId: string;
  /** A file request (upload-only link) on `folderId` (lib/requests). */
  requestId: string;
  /** An older version of `fileId` (lib/versions). */
  versionId: string;
}

/** What a request to a route needs: the params, query and body naming a victim's things. */
export interface Needs {
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
  /**
   * The route acts on the caller's own account whatever it is sent (no id of anyone's): the matrix
   * expects this status from a stranger instead of 404 (e.g. 201 for a new app password of their own).
   */
  ownAccount?: number | number[];
  /**
   * A batch route: it answers 200 with one entry per item, and another account's thing gets an
   * entry of its own saying 404 not_found, exactly like a missing one.
   */
  perItem?: boolean;
  /**
   * The status a user holding a Viewer grant on the victim's file and folder gets (reads work,
   * writes answer 403, what only an owner does answers 404); absent = not checked as a Viewer.
   */
  asViewer?: number;
}

const id = (key: keyof Victim) => (v: Victim) => ({ id: v[key] });

/** Keyed by `METHOD path`, as the table declares them. */
export const NEEDS: Record<string, Needs> = {
  "GET /api/admin/audit": { query: (v) => `target=${v.fileId}` },
  "POST /api/admin/users/[id]/reset-link": { params: id("userId") },
  "GET /api/admin/users/[id]": { params: id("userId") },
  "GET /api/admin/users/[id]/identities": { params: id("userId") },
  "DELETE /api/admin/users/[id]/identities/[identityId]": {
    params: (v) => ({ id: v.userId, identityId: "no-such-identity" }),
  },
  "PATCH /api/admin/users/[id]": { params: id("userId"), body: () => ({ quotaBytes: 1 }) },
  "POST /api/admin/files/[id]/media": { params: id("fileId") },
  "POST /api/admin/users": { body: () => ({ email: "matrix-new@example.com" }) },
  "GET /api/auth/[...nextauth]": { params: () => ({ nextauth: ["session"] }), needsNextServer: true },
  "POST /api/auth/[...nextauth]": { params: () => ({ nextauth: ["callback", "credentials"] }), needsNextServer: true },
  ...Object.fromEntries(
    ["GET", "HEAD", "PUT", "OPTIONS"].map((m) => [
      `${m} /api/blob/[token]`,
      { params: () => ({ token: "not-a-token" }) },
    ]),
  ),
  "GET /api/admin/groups/[id]": { params: id("groupId") },
  "PATCH /api/admin/groups/[id]": { params: id("groupId"), body: () => ({ name: "renamed group" }) },
  "DELETE /api/admin/groups/[id]": { params: id("groupId") },
  "POST /api/admin/groups": { body: () => ({ name: "matrix group" }) },
  "POST /api/admin/groups/[id]/members": { params: id("groupId"), body: (v) => ({ userId: v.userId }) },
  "DELETE /api/admin/groups/[id]/members/[userId]": { params: (v) => ({ id: v.groupId, userId: v.userId }) },
  "GET /api/files/[id]/download": { params: id("fileId"), asViewer: 302 },
  "POST /api/files/[id]/restore": { params: id("fileId"), asViewer: 404 },
  "GET /api/files/[id]": { params: id("fileId"), asViewer: 200 },
  "PATCH /api/files/[id]": { params: id("fileId"), body: () => ({ name: "renamed.txt" }), asViewer: 403 },
  "DELETE /api/files/[id]": { params: id("fileId"), asViewer: 403 },
  "POST /api/files/[id]/shares": { params: id("fileId"), body: () => ({}), asViewer: 404 },
  "GET /api/files/[id]/grants": { params: id("fileId"), asViewer: 404 },
  "POST /api/files/[id]/grants": {
    params: id("fileId"),
    body: (v) => ({ userId: v.userId, role: "EDITOR" }),
    asViewer: 404,
  },
  "GET /api/folders/[id]/grants": { params: id("folderId"), asViewer: 404 },
  "POST /api/folders/[id]/grants": {
    params: id("folderId"),
    body: (v) => ({ userId: v.userId, role: "EDITOR" }),
    asViewer: 404,
  },
  "PATCH /api/grants/[id]": { params: id("grantId"), body: () => ({ role: "EDITOR" }) },
  "DELETE /api/grants/[id]": { params: id("grantId") },
  "PUT /api/grants/[id]/pin": { params: id("grantId") },
  "DELETE /api/grants/[id]/pin": { params: id("grantId") },
  // The people picker names accounts by design; a search that matches nobody shows nothing.
  "GET /api/people": { query: () => "q=zz-matches-nobody", ownAccount: 200 },
  "GET /api/files/[id]/preview": { params: id("fileId") },
  "GET /api/files/[id]/thumbnail": { params: id("fileId") },
  "POST /api/folders/[id]/requests": { params: id("folderId"), body: () => ({}) },
  "DELETE /api/requests/[id]": { params: id("requestId") },
  "POST /api/requests/[id]/seen": { params: id("requestId") },
  "POST /api/files/name-clashes": { body: (v) => ({ folderId: v.folderId, names: ["private.txt"] }) },
  "GET /api/files/[id]/versions": { params: id("fileId") },
  "DELETE /api/files/[id]/versions/[versionId]": { params: (v) => ({ id: v.fileId, versionId: v.versionId }) },
  "GET /api/files/[id]/versions/[versionId]/download": { params: (v) => ({ id: v.fileId, versionId: v.versionId }) },
  "POST /api/files/[id]/versions/[versionId]/restore": { params: (v) => ({ id: v.fileId, versionId: v.versionId }) },
  "PUT /api/files/[id]/thumbnail": { params: id("fileId"), body: () => "RIFF0000WEBPVP8 ", contentType: "image/webp" },
  "POST /api/files/bulk": {
    body: (v) => ({ action: "trash", fileIds: [v.fileId], folderIds: [] }),
    asViewer: 403,
  },
  "GET /api/files": { query: (v) => `folderId=${v.folderId}`, asViewer: 200 },
  "POST /api/folders/[id]/restore": { params: id("folderId"), asViewer: 404 },
  "GET /api/folders/[id]": { params: id("folderId"), asViewer: 200 },
  "PATCH /api/folders/[id]": { params: id("folderId"), body: () => ({ name: "renamed" }), asViewer: 403 },
  "DELETE /api/folders/[id]": { params: id("folderId"), asViewer: 403 },
  "POST /api/folders/[id]/shares": { params: id("folderId"), body: () => ({}), asViewer: 404 },
  "GET /api/folders/[id]/zip": { params: id("folderId"), asViewer: 200 },
  "POST /api/folders/ensure": { body: (v) => ({ parentId: v.folderId, path: ["x"] }), asViewer: 403 },
  "POST /api/folders": { body: (v) => ({ name: "x", parentId: v.folderId }), asViewer: 403 },
  "DELETE /api/me/sessions/[id]": { params: id("sessionId") },
  "DELETE /api/me/app-passwords/[id]": { params: id("appPasswordId") },
  "PATCH /api/me/passkeys/[id]": { params: id("passkeyId"), body: () => ({ name: "renamed" }) },
  "DELETE /api/me/passkeys/[id]": { params: id("passkeyId") },
  // Registration starts for the caller's own account; its finish needs a real authenticator's answer.
  "POST /api/me/passkeys/options": { ownAccount: 201 },
  "POST /api/me/passkeys": {
    body: () => ({
      challengeId: "no-such-challenge",
      name: "matrix",
      response: { id: "x", rawId: "x", type: "public-key", response: { clientDataJSON: "x" } },
    }),
    ownAccount: 400,
  },
  "POST /api/me/app-passwords": { body: () => ({ name: "matrix", scope: "read" }), ownAccount: 201 },
  // The matrix's users have no password: there is none to change.
  "POST /api/me/password": {
    body: () => ({ currentPassword: "not the password", newPassword: "a new password" }),
    ownAccount: 409,
  },
  "PATCH /api/me": { body: () => ({ name: "matrix" }), ownAccount: 200 },
  "GET /api/admin/users/[id]/two-factor": { params: id("userId") },
  "DELETE /api/admin/users/[id]/two-factor": { params: id("userId") },
  "PUT /api/admin/sign-in-policy": { body: () => ({ twoFactorRequired: "off" }) },
  // Two-factor is off for the matrix's users: nothing to confirm or to turn off.
  // (409 before an enrolment started, 400 after: the matrix may start one first.)
  "POST /api/me/two-factor/totp/confirm": { body: () => ({ code: "123456" }), ownAccount: [400, 409] },
  "POST /api/me/two-factor/disable": { body: () => ({ code: "123456" }), ownAccount: 400 },
  "POST /api/password-tokens/[token]": {
    params: () => ({ token: "unknown-token" }),
    body: () => ({ password: "a new password" }),
  },
  "POST /api/register": { body: () => ({ email: "matrix-register@example.com", password: "long enough" }) },
  "PATCH /api/shares/[id]": { params: id("shareId"), body: () => ({ maxDownloads: 5 }) },
  "DELETE /api/shares/[id]": { params: id("shareId") },
  "DELETE /api/tokens/[id]": { params: id("tokenId") },
  "POST /api/tokens": { body: () => ({ name: "matrix" }) },
  "POST /api/uploads/[id]/complete": { params: id("uploadId"), body: () => ({}) },
  "POST /api/uploads/[id]/parts": { params: id("uploadId"), body: () => ({ partNumbers: [1] }) },
  "GET /api/uploads/[id]": { params: id("uploadId") },
  "DELETE /api/uploads/[id]": { params: id("uploadId") },
  "POST /api/uploads/batch": {
    body: (v) => ({ files: [{ name: "x.txt", size: 1, type: "text/plain", folderId: v.folderId }] }),
    perItem: true,
  },
  "POST /api/uploads/batch/complete": { body: (v) => ({ uploadIds: [v.uploadId] }), perItem: true },
  "POST /api/uploads": {
    body: (v) => ({ name: "x.txt", size: 1, type: "text/plain", folderId: v.folderId }),
    asViewer: 403,
  },
  "POST /api/zip": { body: (v) => ({ fileIds: [v.fileId], folderIds: [] }), asViewer: 200 },
  ...Object.fromEntries(
    ["GET /s/[token]/download", "POST /s/[token]/download", "HEAD /s/[token]/download", "GET /s/[token]/preview"]
      .concat(["HEAD /s/[token]/preview", "POST /s/[token]/unlock", "GET /s/[token]/zip", "HEAD /s/[token]/zip"])
      .map((key) => [key, { params: () => ({ token: "not-a-share-token" }) }]),
  ),
};

/** A path segment, escaped; text that cannot be (a lone surrogate) goes as it is and the URL parser copes. */
function encodeSegment(part: unknown): string {
  try {
    return encodeURIComponent(String(part));
  } catch {
    return String(part);
  }
}

/** The URL path of a route with its params filled in (`[id]` → the id, `[...x]` → its segments). */
export function urlPath(route: { path: string }, params: Record<string, unknown>): string {
  return route.path.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    const parts = Array.isArray(value) ? value : [value];
    return parts.map(encodeSegment).join("/");
  });
}
