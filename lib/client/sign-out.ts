// Signing out without next-auth/react: its client (about 10 kB gzipped, with a generator
// runtime) would be loaded on every signed-in page only for this one call. Same requests as
// next-auth's own signOut(): fetch a CSRF token, POST it to the sign-out endpoint, then leave.
import { requestJson } from "./http";

const fetchImpl = (input: string, init?: RequestInit) => globalThis.fetch(input, init);

export async function signOut({ callbackUrl = "/signin" }: { callbackUrl?: string } = {}): Promise<void> {
  const { csrfToken } = await requestJson<{ csrfToken: string }>(fetchImpl, "/api/auth/csrf");
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await response.json().catch(() => ({}))) as { url?: string };
  window.location.href = url ?? callbackUrl;
}
