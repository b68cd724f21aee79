// Typed calls to the sessions API (API.md "Sessions") for the settings page.
import { requestJson, type FetchLike } from "./http";
import type { ApiSession } from "../schemas/accounts";

export type { ApiSession };

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export function listSessions(options: { signal?: AbortSignal } = {}): Promise<{ items: ApiSession[] }> {
  return requestJson<{ items: ApiSession[] }>(defaultFetch, "/api/me/sessions", { signal: options.signal });
}

export function endSession(id: string): Promise<void> {
  return requestJson<void>(defaultFetch, `/api/me/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
}
