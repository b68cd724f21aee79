// Passkeys in the browser (@simplewebauthn/browser): registration for the account page, and the
// authenticator's answer for a passkey sign-in or a passkey as the second factor.
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { requestJson, type FetchLike } from "./http";
import type { ApiPasskey } from "../schemas/passkeys";

export type { ApiPasskey };

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
const path = (id: string) => `/api/me/passkeys/${encodeURIComponent(id)}`;

export function listPasskeys(): Promise<{ items: ApiPasskey[] }> {
  return requestJson(defaultFetch, "/api/me/passkeys");
}

/** Asks the authenticator for a new passkey and keeps it under `name`. */
export async function addPasskey(name: string): Promise<ApiPasskey> {
  const { challengeId, options } = await requestJson<{
    challengeId: string;
    options: PublicKeyCredentialCreationOptionsJSON;
  }>(defaultFetch, "/api/me/passkeys/options", { method: "POST" });
  const response = await startRegistration({ optionsJSON: options });
  return requestJson(defaultFetch, "/api/me/passkeys", { method: "POST", body: { challengeId, name, response } });
}

export function renamePasskey(id: string, name: string): Promise<ApiPasskey> {
  return requestJson(defaultFetch, path(id), { method: "PATCH", body: { name } });
}

export function removePasskey(id: string): Promise<void> {
  return requestJson(defaultFetch, path(id), { method: "DELETE" });
}

/** A challenge answered by one of this site's passkeys (the authenticator lets the person pick). */
export async function passkeyAnswer(): Promise<{ challengeId: string; response: string }> {
  const { challengeId, options } = await requestJson<{
    challengeId: string;
    options: PublicKeyCredentialRequestOptionsJSON;
  }>(defaultFetch, "/api/passkeys/sign-in-options", { method: "POST" });
  const response = await startAuthentication({ optionsJSON: options });
  return { challengeId, response: JSON.stringify(response) };
}

/** The browser can make and use passkeys. */
export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}
