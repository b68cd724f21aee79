// Typed calls to the admin API for the browser (see docs/API.md, "Admin").
import { requestJson, type FetchLike } from "./http";
import type {
  AdminUserRow,
  AuditPage,
  CreateUserInput,
  CreatedUser,
  StorageOverview,
  UpdateUserInput,
  UsagePage,
  UsageSort,
  UserDetail,
} from "../schemas/admin";
import type { ApiFile } from "../schemas/files";

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
type Options = { signal?: AbortSignal; fetch?: FetchLike };

export interface UsageParams {
  sort: UsageSort;
  order: "asc" | "desc";
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** The set parameters as a query string (empty ones left out). */
function queryString(params: object): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  return query.toString();
}

export function getUsage(params: UsageParams, options: Options = {}): Promise<UsagePage> {
  return requestJson<UsagePage>(options.fetch ?? defaultFetch, `/api/admin/usage?${queryString(params)}`, {
    signal: options.signal,
  });
}

export interface AuditParams {
  action?: string;
  person?: string;
  target?: string;
  from?: string;
  to?: string;
  cursor?: string | null;
  limit?: number;
}

export function getAuditPage(params: AuditParams, options: Options = {}): Promise<AuditPage> {
  return requestJson<AuditPage>(options.fetch ?? defaultFetch, `/api/admin/audit?${queryString(params)}`, {
    signal: options.signal,
  });
}

export function getUserDetail(id: string, options: Options = {}): Promise<UserDetail> {
  return requestJson<UserDetail>(options.fetch ?? defaultFetch, `/api/admin/users/${encodeURIComponent(id)}`, {
    signal: options.signal,
  });
}

export function getStorageOverview(options: Options = {}): Promise<StorageOverview> {
  return requestJson<StorageOverview>(options.fetch ?? defaultFetch, "/api/admin/storage", { signal: options.signal });
}

export function updateUser(
  id: string,
  changes: UpdateUserInput,
  options: Options = {},
): Promise<{ user: AdminUserRow }> {
  return requestJson(options.fetch ?? defaultFetch, `/api/admin/users/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: changes,
  });
}

export function createUser(input: CreateUserInput, options: Options = {}): Promise<CreatedUser> {
  return requestJson(options.fetch ?? defaultFetch, "/api/admin/users", { method: "POST", body: input });
}

export function createResetLink(id: string, options: Options = {}): Promise<{ setPasswordUrl: string }> {
  return requestJson(options.fetch ?? defaultFetch, `/api/admin/users/${encodeURIComponent(id)}/reset-link`, {
    method: "POST",
  });
}

/** Queues a file's thumbnail and preview again (any account's file); answers the file with its media state. */
export function reprocessMedia(id: string, options: Options = {}): Promise<{ file: ApiFile }> {
  return requestJson(options.fetch ?? defaultFetch, `/api/admin/files/${encodeURIComponent(id)}/media`, {
    method: "POST",
  });
}

export function setPasswordWithLink(token: string, password: string, options: Options = {}): Promise<void> {
  return requestJson(options.fetch ?? defaultFetch, `/api/password-tokens/${encodeURIComponent(token)}`, {
    method: "POST",
    body: { password },
  });
}
