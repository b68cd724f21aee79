import { changeOwnPassword } from "@/lib/auth/account";
import { readSessionToken, reissuedSessionCookie, serializeCookie } from "@/lib/auth/session-cookie";
import { parseCookies } from "@/lib/http/cookies";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { changePasswordInput } from "@/lib/schemas/accounts";

// Change one's own password: the current one is required; every other session ends, and this
// browser gets a cookie carrying the account's new session version so that it stays signed in.
export const POST = route({ auth: "user", body: changePasswordInput }, async ({ request, caller, actor, body }) => {
  const version = await changeOwnPassword(actor, body.currentPassword, body.newPassword, caller.sessionId);
  const response = noContent();
  const token = caller.via === "cookie" ? await readSessionToken(parseCookies(request.headers.get("cookie"))) : null;
  if (token) response.headers.append("set-cookie", serializeCookie(await reissuedSessionCookie(token, version)));
  return response;
});
