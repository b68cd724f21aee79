"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createResetLink,
  reprocessMedia,
  createUser,
  getAuditPage,
  getStorageOverview,
  getUsage,
  getUserDetail,
  updateUser,
  type AuditParams,
  type UsageParams,
} from "@/lib/client/admin";
import type { CreateUserInput, UpdateUserInput } from "@/lib/schemas/admin";

const ADMIN = ["admin"] as const;

export function useUsagePage(params: UsageParams) {
  return useQuery({
    queryKey: [...ADMIN, "usage", params],
    queryFn: ({ signal }) => getUsage(params, { signal }),
    // The table keeps showing the last page while the next one loads (no flash to a skeleton).
    placeholderData: keepPreviousData,
  });
}

export function useAuditPage(params: AuditParams) {
  return useQuery({
    queryKey: [...ADMIN, "audit", params],
    queryFn: ({ signal }) => getAuditPage(params, { signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Asked for only once `enabled` (after the usage figures arrived): at a million files its
 * per-driver aggregate takes seconds on SQLite's one connection, and must not hold up the table.
 */
export function useStorageOverview(enabled: boolean) {
  return useQuery({
    queryKey: [...ADMIN, "storage"],
    queryFn: ({ signal }) => getStorageOverview({ signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useUserDetail(id: string) {
  return useQuery({ queryKey: [...ADMIN, "user", id], queryFn: ({ signal }) => getUserDetail(id, { signal }) });
}

/** Every admin change refreshes every admin view (totals, chart, table, drill-down). */
function useAdminMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => client.invalidateQueries({ queryKey: ADMIN }) });
}

export const useUpdateUser = () =>
  useAdminMutation(({ id, changes }: { id: string; changes: UpdateUserInput }) => updateUser(id, changes));
export const useCreateUser = () => useAdminMutation((input: CreateUserInput) => createUser(input));
export const useResetLink = () => useAdminMutation((id: string) => createResetLink(id));
export const useReprocessMedia = () => useAdminMutation((id: string) => reprocessMedia(id));
