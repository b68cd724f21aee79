// Typed calls to the admin API's sign-in parts (docs/API.md, "Admin: sign-in"): the two-factor
// policy, a user's linked identities and second factor.
import { requestJson, type FetchLike } from "./http";
import type { SignInPolicy, TwoFactorPolicy } from "../schemas/accounts";
import type { SecondFactorStatus } from "./account";

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
type Options = { signal?: AbortSignal };
const userPath = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

export interface AdminIdentity {
  id: string;
  provider: string;
  email: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export function getSignInPolicy(options: Options = {}): Promise<SignInPolicy> {
  return requestJson(defaultFetch, "/api/admin/sign-in-policy", { signal: options.signal });
}

export function setSignInPolicy(twoFactorRequired: TwoFactorPolicy): Promise<SignInPolicy> {
  return requestJson(defaultFetch, "/api/admin/sign-in-policy", { method: "PUT", body: { twoFactorRequired } });
}

export function getIdentities(userId: string, options: Options = {}): Promise<{ items: AdminIdentity[] }> {
  return requestJson(defaultFetch, `${userPath(userId)}/identities`, { signal: options.signal });
}

export function removeIdentity(userId: string, identityId: string): Promise<void> {
  return requestJson(defaultFetch, `${userPath(userId)}/identities/${encodeURIComponent(identityId)}`, {
    method: "DELETE",
  });
}

export function getUserSecondFactor(userId: string, options: Options = {}): Promise<SecondFactorStatus> {
  return requestJson(defaultFetch, `${userPath(userId)}/two-factor`, { signal: options.signal });
}

export function resetUserSecondFactor(userId: string): Promise<void> {
  return requestJson(defaultFetch, `${userPath(userId)}/two-factor`, { method: "DELETE" });
}
