// Every route of the app that is not a page, declared once: method, path, handler (whose access
// level its route() spec declares). lib/http/router.ts serves them — Next hands it these paths
// (app/api/[...path]/route.ts, app/s/[token]/[action]/route.ts) and so does the tests' server — and
// the access matrix and the fuzz are generated from this table (test/routes.ts).
import { routeOf, type Route } from "@/lib/http/router";
import * as adminAudit from "./api/admin/audit/handlers";
import * as adminFilesIdMedia from "./api/admin/files/[id]/media/handlers";
import * as adminSignInPolicy from "./api/admin/sign-in-policy/handlers";
import * as adminGroups from "./api/admin/groups/handlers";
import * as adminGroupsId from "./api/admin/groups/[id]/handlers";
import * as adminGroupsIdMembers from "./api/admin/groups/[id]/members/handlers";
import * as adminGroupsIdMembersUserId from "./api/admin/groups/[id]/members/[userId]/handlers";
import * as filesIdGrants from "./api/files/[id]/grants/handlers";
import * as foldersIdGrants from "./api/folders/[id]/grants/handlers";
import * as grantsId from "./api/grants/[id]/handlers";
import * as grantsIdPin from "./api/grants/[id]/pin/handlers";
import * as meGroups from "./api/me/groups/handlers";
import * as people from "./api/people/handlers";
import * as sharedWithMe from "./api/shared-with-me/handlers";
import * as adminStorage from "./api/admin/storage/handlers";
import * as adminUsageCsv from "./api/admin/usage.csv/handlers";
import * as adminUsage from "./api/admin/usage/handlers";
import * as adminUsersId from "./api/admin/users/[id]/handlers";
import * as adminUsersIdIdentities from "./api/admin/users/[id]/identities/handlers";
import * as adminUsersIdIdentitiesIdentityId from "./api/admin/users/[id]/identities/[identityId]/handlers";
import * as adminUsersIdTwoFactor from "./api/admin/users/[id]/two-factor/handlers";
import * as adminUsersIdResetLink from "./api/admin/users/[id]/reset-link/handlers";
import * as adminUsers from "./api/admin/users/handlers";
import * as authNextauth from "./api/auth/[...nextauth]/handlers";
import * as blobToken from "./api/blob/[token]/handlers";
import * as filesIdDownload from "./api/files/[id]/download/handlers";
import * as filesId from "./api/files/[id]/handlers";
import * as filesIdRestore from "./api/files/[id]/restore/handlers";
import * as filesIdShares from "./api/files/[id]/shares/handlers";
import * as filesIdPreview from "./api/files/[id]/preview/handlers";
import * as filesIdThumbnail from "./api/files/[id]/thumbnail/handlers";
import * as filesIdVersions from "./api/files/[id]/versions/handlers";
import * as filesIdVersionsId from "./api/files/[id]/versions/[versionId]/handlers";
import * as filesIdVersionsIdDownload from "./api/files/[id]/versions/[versionId]/download/handlers";
import * as filesIdVersionsIdRestore from "./api/files/[id]/versions/[versionId]/restore/handlers";
import * as filesBulk from "./api/files/bulk/handlers";
import * as filesNameClashes from "./api/files/name-clashes/handlers";
import * as files from "./api/files/handlers";
import * as foldersId from "./api/folders/[id]/handlers";
import * as foldersIdRestore from "./api/folders/[id]/restore/handlers";
import * as foldersIdShares from "./api/folders/[id]/shares/handlers";
import * as foldersIdRequests from "./api/folders/[id]/requests/handlers";
import * as requests from "./api/requests/handlers";
import * as requestsId from "./api/requests/[id]/handlers";
import * as requestsIdSeen from "./api/requests/[id]/seen/handlers";
import * as rToken from "./api/r/[token]/handlers";
import * as rTokenUploads from "./api/r/[token]/uploads/handlers";
import * as rTokenUploadsId from "./api/r/[token]/uploads/[id]/handlers";
import * as rTokenUploadsIdParts from "./api/r/[token]/uploads/[id]/parts/handlers";
import * as rTokenUploadsIdComplete from "./api/r/[token]/uploads/[id]/complete/handlers";
import * as foldersIdZip from "./api/folders/[id]/zip/handlers";
import * as foldersEnsure from "./api/folders/ensure/handlers";
import * as folders from "./api/folders/handlers";
import * as foldersTree from "./api/folders/tree/handlers";
import * as health from "./api/health/handlers";
import * as me from "./api/me/handlers";
import * as meAppPasswordsId from "./api/me/app-passwords/[id]/handlers";
import * as meAppPasswords from "./api/me/app-passwords/handlers";
import * as meIdentities from "./api/me/identities/handlers";
import * as mePasskeys from "./api/me/passkeys/handlers";
import * as mePasskeysId from "./api/me/passkeys/[id]/handlers";
import * as mePasskeysOptions from "./api/me/passkeys/options/handlers";
import * as passkeysSignInOptions from "./api/passkeys/sign-in-options/handlers";
import * as mePassword from "./api/me/password/handlers";
import * as meTwoFactor from "./api/me/two-factor/handlers";
import * as meTwoFactorDisable from "./api/me/two-factor/disable/handlers";
import * as meTwoFactorTotp from "./api/me/two-factor/totp/handlers";
import * as meTwoFactorTotpConfirm from "./api/me/two-factor/totp/confirm/handlers";
import * as meSessionsId from "./api/me/sessions/[id]/handlers";
import * as meSessions from "./api/me/sessions/handlers";
import * as passwordReset from "./api/password-reset/handlers";
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
import * as dav from "./dav/handlers";
import * as shareDownload from "./s/[token]/handlers/download";
import * as sharePreview from "./s/[token]/handlers/preview";
import * as shareUnlock from "./s/[token]/handlers/unlock";
import * as shareZip from "./s/[token]/handlers/zip";

export const routes: Route[] = [
  routeOf("GET", "/api/admin/audit", adminAudit.GET),
  routeOf("POST", "/api/admin/files/[id]/media", adminFilesIdMedia.POST),
  routeOf("GET", "/api/admin/sign-in-policy", adminSignInPolicy.GET),
  routeOf("PUT", "/api/admin/sign-in-policy", adminSignInPolicy.PUT),
  routeOf("GET", "/api/admin/groups", adminGroups.GET),
  routeOf("POST", "/api/admin/groups", adminGroups.POST),
  routeOf("GET", "/api/admin/groups/[id]", adminGroupsId.GET),
  routeOf("PATCH", "/api/admin/groups/[id]", adminGroupsId.PATCH),
  routeOf("DELETE", "/api/admin/groups/[id]", adminGroupsId.DELETE),
  routeOf("POST", "/api/admin/groups/[id]/members", adminGroupsIdMembers.POST),
  routeOf("DELETE", "/api/admin/groups/[id]/members/[userId]", adminGroupsIdMembersUserId.DELETE),
  routeOf("GET", "/api/admin/storage", adminStorage.GET),
  routeOf("GET", "/api/admin/usage", adminUsage.GET),
  routeOf("GET", "/api/admin/usage.csv", adminUsageCsv.GET),
  routeOf("POST", "/api/admin/users", adminUsers.POST),
  routeOf("GET", "/api/admin/users/[id]", adminUsersId.GET),
  routeOf("PATCH", "/api/admin/users/[id]", adminUsersId.PATCH),
  routeOf("GET", "/api/admin/users/[id]/identities", adminUsersIdIdentities.GET),
  routeOf("DELETE", "/api/admin/users/[id]/identities/[identityId]", adminUsersIdIdentitiesIdentityId.DELETE),
  routeOf("POST", "/api/admin/users/[id]/reset-link", adminUsersIdResetLink.POST),
  routeOf("GET", "/api/admin/users/[id]/two-factor", adminUsersIdTwoFactor.GET),
  routeOf("DELETE", "/api/admin/users/[id]/two-factor", adminUsersIdTwoFactor.DELETE),
  routeOf("GET", "/api/auth/[...nextauth]", authNextauth.GET, { nextContext: true }),
  routeOf("POST", "/api/auth/[...nextauth]", authNextauth.POST, { nextContext: true }),
  routeOf("GET", "/api/blob/[token]", blobToken.GET),
  routeOf("HEAD", "/api/blob/[token]", blobToken.HEAD),
  routeOf("PUT", "/api/blob/[token]", blobToken.PUT),
  routeOf("OPTIONS", "/api/blob/[token]", blobToken.OPTIONS),
  routeOf("GET", "/api/files", files.GET),
  routeOf("GET", "/api/files/[id]", filesId.GET),
  routeOf("PATCH", "/api/files/[id]", filesId.PATCH),
  routeOf("DELETE", "/api/files/[id]", filesId.DELETE),
  routeOf("GET", "/api/files/[id]/download", filesIdDownload.GET),
  routeOf("GET", "/api/files/[id]/grants", filesIdGrants.GET),
  routeOf("POST", "/api/files/[id]/grants", filesIdGrants.POST),
  routeOf("POST", "/api/files/[id]/restore", filesIdRestore.POST),
  routeOf("POST", "/api/files/[id]/shares", filesIdShares.POST),
  routeOf("GET", "/api/files/[id]/preview", filesIdPreview.GET),
  routeOf("GET", "/api/files/[id]/thumbnail", filesIdThumbnail.GET),
  routeOf("PUT", "/api/files/[id]/thumbnail", filesIdThumbnail.PUT),
  routeOf("GET", "/api/files/[id]/versions", filesIdVersions.GET),
  routeOf("DELETE", "/api/files/[id]/versions/[versionId]", filesIdVersionsId.DELETE),
  routeOf("GET", "/api/files/[id]/versions/[versionId]/download", filesIdVersionsIdDownload.GET),
  routeOf("POST", "/api/files/[id]/versions/[versionId]/restore", filesIdVersionsIdRestore.POST),
  routeOf("POST", "/api/files/bulk", filesBulk.POST),
  routeOf("POST", "/api/files/name-clashes", filesNameClashes.POST),
  routeOf("POST", "/api/folders", folders.POST),
  routeOf("GET", "/api/folders/[id]", foldersId.GET),
  routeOf("PATCH", "/api/folders/[id]", foldersId.PATCH),
  routeOf("DELETE", "/api/folders/[id]", foldersId.DELETE),
  routeOf("GET", "/api/folders/[id]/grants", foldersIdGrants.GET),
  routeOf("POST", "/api/folders/[id]/grants", foldersIdGrants.POST),
  routeOf("POST", "/api/folders/[id]/restore", foldersIdRestore.POST),
  routeOf("POST", "/api/folders/[id]/shares", foldersIdShares.POST),
  routeOf("POST", "/api/folders/[id]/requests", foldersIdRequests.POST),
  routeOf("GET", "/api/folders/[id]/zip", foldersIdZip.GET),
  routeOf("POST", "/api/folders/ensure", foldersEnsure.POST),
  routeOf("GET", "/api/folders/tree", foldersTree.GET),
  routeOf("PATCH", "/api/grants/[id]", grantsId.PATCH),
  routeOf("DELETE", "/api/grants/[id]", grantsId.DELETE),
  routeOf("PUT", "/api/grants/[id]/pin", grantsIdPin.PUT),
  routeOf("DELETE", "/api/grants/[id]/pin", grantsIdPin.DELETE),
  routeOf("GET", "/api/health", health.GET),
  routeOf("GET", "/api/me", me.GET),
  routeOf("PATCH", "/api/me", me.PATCH),
  routeOf("GET", "/api/me/app-passwords", meAppPasswords.GET),
  routeOf("POST", "/api/me/app-passwords", meAppPasswords.POST),
  routeOf("DELETE", "/api/me/app-passwords/[id]", meAppPasswordsId.DELETE),
  routeOf("GET", "/api/me/groups", meGroups.GET),
  routeOf("GET", "/api/me/identities", meIdentities.GET),
  routeOf("GET", "/api/me/passkeys", mePasskeys.GET),
  routeOf("POST", "/api/me/passkeys", mePasskeys.POST),
  routeOf("POST", "/api/me/passkeys/options", mePasskeysOptions.POST),
  routeOf("PATCH", "/api/me/passkeys/[id]", mePasskeysId.PATCH),
  routeOf("DELETE", "/api/me/passkeys/[id]", mePasskeysId.DELETE),
  routeOf("POST", "/api/me/password", mePassword.POST),
  routeOf("GET", "/api/me/sessions", meSessions.GET),
  routeOf("GET", "/api/me/two-factor", meTwoFactor.GET),
  routeOf("POST", "/api/me/two-factor/disable", meTwoFactorDisable.POST),
  routeOf("POST", "/api/me/two-factor/totp", meTwoFactorTotp.POST),
  routeOf("POST", "/api/me/two-factor/totp/confirm", meTwoFactorTotpConfirm.POST),
  routeOf("DELETE", "/api/me/sessions", meSessions.DELETE),
  routeOf("DELETE", "/api/me/sessions/[id]", meSessionsId.DELETE),
  routeOf("POST", "/api/passkeys/sign-in-options", passkeysSignInOptions.POST),
  routeOf("POST", "/api/password-reset", passwordReset.POST),
  routeOf("POST", "/api/password-tokens/[token]", passwordTokensToken.POST),
  routeOf("GET", "/api/people", people.GET),
  routeOf("POST", "/api/register", register.POST),
  routeOf("GET", "/api/requests", requests.GET),
  routeOf("DELETE", "/api/requests/[id]", requestsId.DELETE),
  routeOf("POST", "/api/requests/[id]/seen", requestsIdSeen.POST),
  routeOf("GET", "/api/r/[token]", rToken.GET),
  routeOf("POST", "/api/r/[token]/uploads", rTokenUploads.POST),
  routeOf("DELETE", "/api/r/[token]/uploads/[id]", rTokenUploadsId.DELETE),
  routeOf("POST", "/api/r/[token]/uploads/[id]/parts", rTokenUploadsIdParts.POST),
  routeOf("POST", "/api/r/[token]/uploads/[id]/complete", rTokenUploadsIdComplete.POST),
  routeOf("GET", "/api/shares", shares.GET),
  routeOf("PATCH", "/api/shares/[id]", sharesId.PATCH),
  routeOf("DELETE", "/api/shares/[id]", sharesId.DELETE),
  routeOf("GET", "/api/shared-with-me", sharedWithMe.GET),
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
  // WebDAV: the account's root and everything below it (a trailing slash names a folder).
  routeOf("OPTIONS", "/dav", dav.OPTIONS),
  routeOf("GET", "/dav", dav.GET),
  routeOf("HEAD", "/dav", dav.HEAD),
  routeOf("PUT", "/dav", dav.PUT),
  routeOf("DELETE", "/dav", dav.DELETE),
  routeOf("MKCOL", "/dav", dav.MKCOL),
  routeOf("PROPFIND", "/dav", dav.PROPFIND),
  routeOf("PROPPATCH", "/dav", dav.PROPPATCH),
  routeOf("COPY", "/dav", dav.COPY),
  routeOf("MOVE", "/dav", dav.MOVE),
  routeOf("LOCK", "/dav", dav.LOCK),
  routeOf("UNLOCK", "/dav", dav.UNLOCK),
  routeOf("OPTIONS", "/dav/[...path]", dav.OPTIONS),
  routeOf("GET", "/dav/[...path]", dav.GET),
  routeOf("HEAD", "/dav/[...path]", dav.HEAD),
  routeOf("PUT", "/dav/[...path]", dav.PUT),
  routeOf("DELETE", "/dav/[...path]", dav.DELETE),
  routeOf("MKCOL", "/dav/[...path]", dav.MKCOL),
  routeOf("PROPFIND", "/dav/[...path]", dav.PROPFIND),
  routeOf("PROPPATCH", "/dav/[...path]", dav.PROPPATCH),
  routeOf("COPY", "/dav/[...path]", dav.COPY),
  routeOf("MOVE", "/dav/[...path]", dav.MOVE),
  routeOf("LOCK", "/dav/[...path]", dav.LOCK),
  routeOf("UNLOCK", "/dav/[...path]", dav.UNLOCK),
];
