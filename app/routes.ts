// Every route of the app that is not a page, declared once: method, path, handler (whose access
// level its route() spec declares). lib/http/router.ts serves them — Next hands it these paths
// (app/api/[...path]/route.ts, app/s/[token]/[action]/route.ts) and so does the tests' server — and
// the access matrix and the fuzz are generated from this table (test/routes.ts).
import { routeOf, type Route } from "@/lib/http/router";
import * as adminAudit from "./api/admin/audit/handlers";
import * as adminStorage from "./api/admin/storage/handlers";
import * as adminUsageCsv from "./api/admin/usage.csv/handlers";
import * as adminUsage from "./api/admin/usage/handlers";
import * as adminUsersId from "./api/admin/users/[id]/handlers";
import * as adminUsersIdResetLink from "./api/admin/users/[id]/reset-link/handlers";
import * as adminUsers from "./api/admin/users/handlers";
import * as authNextauth from "./api/auth/[...nextauth]/handlers";
import * as blobToken from "./api/blob/[token]/handlers";
import * as filesIdDownload from "./api/files/[id]/download/handlers";
import * as filesId from "./api/files/[id]/handlers";
import * as filesIdRestore from "./api/files/[id]/restore/handlers";
import * as filesIdShares from "./api/files/[id]/shares/handlers";
import * as filesIdThumbnail from "./api/files/[id]/thumbnail/handlers";
import * as filesBulk from "./api/files/bulk/handlers";
import * as files from "./api/files/handlers";
import * as foldersId from "./api/folders/[id]/handlers";
import * as foldersIdRestore from "./api/folders/[id]/restore/handlers";
import * as foldersIdShares from "./api/folders/[id]/shares/handlers";
import * as foldersIdZip from "./api/folders/[id]/zip/handlers";
import * as foldersEnsure from "./api/folders/ensure/handlers";
import * as folders from "./api/folders/handlers";
import * as foldersTree from "./api/folders/tree/handlers";
import * as health from "./api/health/handlers";
import * as me from "./api/me/handlers";
import * as meSessionsId from "./api/me/sessions/[id]/handlers";
import * as meSessions from "./api/me/sessions/handlers";
import * as passwordTokensToken from "./api/password-tokens/[token]/handlers";
import * as register from "./api/register/handlers";
import * as sharesId from "./api/shares/[id]/handlers";
import * as shares from "./api/shares/handlers";
import * as tokensId from "./api/tokens/[id]/handlers";
import * as tokens from "./api/tokens/handlers";
import * as trash from "./api/trash/handlers";
import * as uploadsIdComplete from "./api/uploads/[id]/complete/handlers";
import * as uploadsId from "./api/uploads/[id]/handlers";
import * as uploadsIdParts from "./api/uploads/[id]/parts/handlers";
import * as uploadsBatchComplete from "./api/uploads/batch/complete/handlers";
import * as uploadsBatch from "./api/uploads/batch/handlers";
import * as uploads from "./api/uploads/handlers";
import * as zip from "./api/zip/handlers";
import * as shareDownload from "./s/[token]/handlers/download";
import * as sharePreview from "./s/[token]/handlers/preview";
import * as shareUnlock from "./s/[token]/handlers/unlock";
import * as shareZip from "./s/[token]/handlers/zip";

export const routes: Route[] = [
  routeOf("GET", "/api/admin/audit", adminAudit.GET),
  routeOf("GET", "/api/admin/storage", adminStorage.GET),
  routeOf("GET", "/api/admin/usage", adminUsage.GET),
  routeOf("GET", "/api/admin/usage.csv", adminUsageCsv.GET),
  routeOf("POST", "/api/admin/users", adminUsers.POST),
  routeOf("GET", "/api/admin/users/[id]", adminUsersId.GET),
  routeOf("PATCH", "/api/admin/users/[id]", adminUsersId.PATCH),
  routeOf("POST", "/api/admin/users/[id]/reset-link", adminUsersIdResetLink.POST),
  routeOf("GET", "/api/auth/[...nextauth]", authNextauth.GET),
  routeOf("POST", "/api/auth/[...nextauth]", authNextauth.POST),
  routeOf("GET", "/api/blob/[token]", blobToken.GET),
  routeOf("HEAD", "/api/blob/[token]", blobToken.HEAD),
  routeOf("PUT", "/api/blob/[token]", blobToken.PUT),
  routeOf("OPTIONS", "/api/blob/[token]", blobToken.OPTIONS),
  routeOf("GET", "/api/files", files.GET),
  routeOf("GET", "/api/files/[id]", filesId.GET),
  routeOf("PATCH", "/api/files/[id]", filesId.PATCH),
  routeOf("DELETE", "/api/files/[id]", filesId.DELETE),
  routeOf("GET", "/api/files/[id]/download", filesIdDownload.GET),
  routeOf("POST", "/api/files/[id]/restore", filesIdRestore.POST),
  routeOf("POST", "/api/files/[id]/shares", filesIdShares.POST),
  routeOf("GET", "/api/files/[id]/thumbnail", filesIdThumbnail.GET),
  routeOf("PUT", "/api/files/[id]/thumbnail", filesIdThumbnail.PUT),
  routeOf("POST", "/api/files/bulk", filesBulk.POST),
  routeOf("POST", "/api/folders", folders.POST),
  routeOf("GET", "/api/folders/[id]", foldersId.GET),
  routeOf("PATCH", "/api/folders/[id]", foldersId.PATCH),
  routeOf("DELETE", "/api/folders/[id]", foldersId.DELETE),
  routeOf("POST", "/api/folders/[id]/restore", foldersIdRestore.POST),
  routeOf("POST", "/api/folders/[id]/shares", foldersIdShares.POST),
  routeOf("GET", "/api/folders/[id]/zip", foldersIdZip.GET),
  routeOf("POST", "/api/folders/ensure", foldersEnsure.POST),
  routeOf("GET", "/api/folders/tree", foldersTree.GET),
  routeOf("GET", "/api/health", health.GET),
  routeOf("GET", "/api/me", me.GET),
  routeOf("GET", "/api/me/sessions", meSessions.GET),
  routeOf("DELETE", "/api/me/sessions", meSessions.DELETE),
  routeOf("DELETE", "/api/me/sessions/[id]", meSessionsId.DELETE),
  routeOf("POST", "/api/password-tokens/[token]", passwordTokensToken.POST),
  routeOf("POST", "/api/register", register.POST),
  routeOf("GET", "/api/shares", shares.GET),
  routeOf("PATCH", "/api/shares/[id]", sharesId.PATCH),
  routeOf("DELETE", "/api/shares/[id]", sharesId.DELETE),
  routeOf("GET", "/api/tokens", tokens.GET),
  routeOf("POST", "/api/tokens", tokens.POST),
  routeOf("DELETE", "/api/tokens/[id]", tokensId.DELETE),
  routeOf("GET", "/api/trash", trash.GET),
  routeOf("DELETE", "/api/trash", trash.DELETE),
  routeOf("POST", "/api/uploads", uploads.POST),
  routeOf("GET", "/api/uploads/[id]", uploadsId.GET),
  routeOf("DELETE", "/api/uploads/[id]", uploadsId.DELETE),
  routeOf("POST", "/api/uploads/[id]/complete", uploadsIdComplete.POST),
  routeOf("POST", "/api/uploads/[id]/parts", uploadsIdParts.POST),
  routeOf("POST", "/api/uploads/batch", uploadsBatch.POST),
  routeOf("POST", "/api/uploads/batch/complete", uploadsBatchComplete.POST),
  routeOf("POST", "/api/zip", zip.POST),
  routeOf("GET", "/s/[token]/download", shareDownload.GET),
  routeOf("HEAD", "/s/[token]/download", shareDownload.HEAD),
  routeOf("POST", "/s/[token]/download", shareDownload.POST),
  routeOf("GET", "/s/[token]/preview", sharePreview.GET),
  routeOf("HEAD", "/s/[token]/preview", sharePreview.HEAD),
  routeOf("POST", "/s/[token]/unlock", shareUnlock.POST),
  routeOf("GET", "/s/[token]/zip", shareZip.GET),
  routeOf("HEAD", "/s/[token]/zip", shareZip.HEAD),
];
