"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Monitor, MonitorSmartphone, Smartphone } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/auth/form-alert";
import { endSession, listSessions, type ApiSession } from "@/lib/client/sessions";
import { describeUserAgent } from "@/lib/client/user-agent";
import { formatDateTime, formatRelativeDate } from "@/lib/client/format";

const SESSIONS_KEY = ["me", "sessions"] as const;

function DeviceIcon({ name }: { name: string }) {
  const Icon = /iPhone|Android|iPad/.test(name) ? Smartphone : Monitor;
  return (
    <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
      <Icon className="size-5" aria-hidden />
    </span>
  );
}

function SessionRow({ session, ending, onEnd }: { session: ApiSession; ending: boolean; onEnd: () => void }) {
  const name = describeUserAgent(session.userAgent);
  const lastUsed = new Date(session.lastUsedAt);
  const created = new Date(session.createdAt);
  return (
    <li className="flex items-center gap-4 px-4 py-3" data-testid="session-row">
      <DeviceIcon name={name} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
          <span className="truncate" title={session.userAgent ?? undefined}>
            {name}
          </span>
          {session.current && (
            <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200">
              This device
            </span>
          )}
        </p>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {session.ip ?? "Unknown address"} ·{" "}
          <time dateTime={session.lastUsedAt} title={formatDateTime(lastUsed)}>
            {session.current ? "in use now" : `last used ${formatRelativeDate(lastUsed)}`}
          </time>{" "}
          ·{" "}
          <time dateTime={session.createdAt} title={formatDateTime(created)}>
            signed in {formatRelativeDate(created)}
          </time>
        </p>
      </div>
      {/* This browser signs out with "Sign out" or "Sign out everywhere"; ending it here would too, unexplained. */}
      {!session.current && (
        <Button variant="secondary" loading={ending} onClick={onEnd} aria-label={`End session: ${name}`}>
          End
        </Button>
      )}
    </li>
  );
}

/** The account's live sessions (GET /api/me/sessions): browser, address, last use; end any other one. */
export function SessionsPanel() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => listSessions({ signal }) });
  const end = useMutation({
    mutationFn: endSession,
    onSuccess: () => toast.success("Session ended. That browser is signed out on its next request."),
    onError: (error) => toast.error(error instanceof Error ? error.message : "Could not end the session."),
    // Ended or not (another tab may have ended it first: 404), the list shows what is live now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });

  if (sessions.isPending) {
    return (
      <div
        className="mt-4 space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
        role="status"
        aria-busy="true"
        aria-label="Loading sessions"
      >
        {[0, 1].map((i) => (
          <div key={i} className="h-10 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800" />
        ))}
      </div>
    );
  }
  if (sessions.isError) {
    return (
      <div className="mt-4 space-y-3">
        <FormAlert>{sessions.error.message || "Could not load your sessions."}</FormAlert>
        <Button variant="secondary" onClick={() => void sessions.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  const items = sessions.data.items;
  if (items.length === 0) {
    return (
      <div className="mt-4 flex flex-col items-center rounded-xl border border-dashed border-zinc-300 px-4 py-10 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        <MonitorSmartphone className="mb-2 size-6" aria-hidden />
        No active sessions.
      </div>
    );
  }
  return (
    <ul
      className="mt-4 divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
      aria-label="Sessions"
    >
      {items.map((session) => (
        <SessionRow
          key={session.id}
          session={session}
          ending={end.isPending && end.variables === session.id}
          onEnd={() => end.mutate(session.id)}
        />
      ))}
    </ul>
  );
}
