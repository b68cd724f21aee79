// Typed calls to the account API (docs/API.md "Your account"): name, password, app passwords.
import { requestJson, type FetchLike } from "./http";
import type { ApiAppPassword, AppPasswordScope } from "../schemas/app-passwords";
import type { PublicUser } from "../schemas/accounts";

export type { ApiAppPassword, AppPasswordScope };

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export function renameSelf(name: string): Promise<{ user: PublicUser }> {
  return requestJson(defaultFetch, "/api/me", { method: "PATCH", body: { name } });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return requestJson(defaultFetch, "/api/me/password", { method: "POST", body: { currentPassword, newPassword } });
}

export function listAppPasswords(): Promise<{ items: ApiAppPassword[] }> {
  return requestJson(defaultFetch, "/api/me/app-passwords");
}

export function createAppPassword(name: string, scope: AppPasswordScope): Promise<ApiAppPassword & { secret: string }> {
  return requestJson(defaultFetch, "/api/me/app-passwords", { method: "POST", body: { name, scope } });
}

export function revokeAppPassword(id: string): Promise<void> {
  return requestJson(defaultFetch, `/api/me/app-passwords/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export interface SecondFactorStatus {
  totp: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export function secondFactorStatus(): Promise<SecondFactorStatus> {
  return requestJson(defaultFetch, "/api/me/two-factor");
}

export function startTotp(): Promise<{ secret: string; uri: string; qrSvg: string }> {
  return requestJson(defaultFetch, "/api/me/two-factor/totp", { method: "POST" });
}

export function confirmTotp(code: string): Promise<{ recoveryCodes: string[] }> {
  return requestJson(defaultFetch, "/api/me/two-factor/totp/confirm", { method: "POST", body: { code } });
}

export function disableSecondFactor(code: string): Promise<void> {
  return requestJson(defaultFetch, "/api/me/two-factor/disable", { method: "POST", body: { code } });
}
