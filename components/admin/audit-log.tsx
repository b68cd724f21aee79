"use client";

import Link from "next/link";
import { ArrowLeft, ScrollText } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Button, focusRing } from "@/components/ui/button";
import { formatDateTime } from "@/lib/client/format";
import { auditActionGroups, type AuditEventRow } from "@/lib/schemas/admin";
import { AdminQueryProvider } from "./query-provider";
import { KeysetPager, useCursorStack } from "./keyset-pager";
import { ErrorState, SkeletonRows } from "./states";
import { useAuditPage } from "./use-admin";
import { useDebounced } from "./users-table";

const PAGE_SIZE = 50;
const cell = "px-3 py-2.5 align-top first:pl-4 last:pr-4";
const fromSm = "hidden sm:table-cell";
const fromLg = "hidden lg:table-cell";
const input =
  "block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm placeholder:text-zinc-500 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-400 dark:[color-scheme:dark]";
const label = "mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300";

const ACTION_LABELS: Record<(typeof auditActionGroups)[number], string> = {
  "auth.sign_in": "Sign-ins (all)",
  "auth.sign_in.ok": "Sign-ins",
  "auth.sign_in.failed": "Failed sign-ins",
  file: "Files (all)",
  "file.upload": "Uploads",
  folder: "Folders",
  trash: "Trash emptied",
  bulk: "Bulk actions",
  share: "Share links (all)",
  "share.download": "Share downloads",
  "share.password.failed": "Wrong share passwords",
  token: "API tokens",
  session: "Sessions ended",
  "auth.second_factor": "Two-factor",
  "auth.identity": "Identities linked",
  "admin.user": "Admin changes",
  "admin.identity": "Identities removed",
  "admin.policy": "Sign-in policy",
};

/** The details worth a glance (names, sizes, changes), as "key: value" pairs. */
function describe(details: AuditEventRow["details"]): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
    .join(" · ");
}

function Who({ event }: { event: AuditEventRow }) {
  if (event.actor) return <span className="break-all">{event.actor.email}</span>;
  const via = typeof event.details?.via === "string" ? event.details.via : null;
  return (
    <span className="text-zinc-600 dark:text-zinc-400">
      {via?.startsWith("share:") ? "Link visitor" : via?.startsWith("system:") ? "Server" : "Unknown"}
    </span>
  );
}

function EventRow({ event }: { event: AuditEventRow }) {
  const at = new Date(event.createdAt);
  const failed = event.action.endsWith(".failed");
  return (
    <tr data-testid="audit-row" className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
      <td className={`${cell} text-zinc-700 tabular-nums sm:whitespace-nowrap dark:text-zinc-300`}>
        <time dateTime={event.createdAt}>{formatDateTime(at)}</time>
      </td>
      <td className={cell}>
        <code
          className={`rounded px-1.5 py-0.5 text-xs ${failed ? "bg-red-50 text-red-800 dark:bg-red-950/40 dark:text-red-300" : "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"}`}
        >
          {event.action}
        </code>
        {/* Phones: who and from where move under the action. */}
        <p className="mt-1 text-xs sm:hidden">
          <Who event={event} />
        </p>
      </td>
      <td className={`${cell} ${fromSm}`}>
        <Who event={event} />
      </td>
      <td className={`${cell} ${fromSm} break-all text-zinc-700 dark:text-zinc-300`}>
        {event.targetEmail ?? event.target ?? "—"}
        {event.details && (
          <p className="mt-0.5 text-xs text-zinc-600 lg:hidden dark:text-zinc-400">{describe(event.details)}</p>
        )}
      </td>
      <td className={`${cell} ${fromLg} break-words text-xs text-zinc-600 dark:text-zinc-400`}>
        {describe(event.details)}
      </td>
      <td className={`${cell} ${fromLg} text-xs text-zinc-600 dark:text-zinc-400`}>
        <span className="tabular-nums">{event.ip ?? "—"}</span>
        {event.userAgent && (
          <p className="mt-0.5 truncate" title={event.userAgent}>
            {event.userAgent}
          </p>
        )}
      </td>
    </tr>
  );
}

const SKELETON_COLUMNS = [
  { cell, bars: ["h-4 w-32"] },
  { cell, bars: ["h-4 w-24"] },
  { cell: `${cell} ${fromSm}`, bars: ["h-4 w-36"] },
  { cell: `${cell} ${fromSm}`, bars: ["h-4 w-28"] },
  { cell: `${cell} ${fromLg}`, bars: ["h-4 w-40"] },
  { cell: `${cell} ${fromLg}`, bars: ["h-4 w-24"] },
];

/**
 * The filters live in the address (`?action=&person=&target=&from=&to=`): a filtered view can be
 * shared or bookmarked and survives a reload. Each change replaces the entry (no history per key).
 */
function useFiltersInUrl(filters: Record<string, string>) {
  const router = useRouter();
  const pathname = usePathname();
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
  useEffect(() => {
    if (query !== window.location.search.replace(/^\?/, "")) {
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    }
  }, [query, pathname, router]);
}

function AuditTable() {
  const initial = useSearchParams();
  const [action, setAction] = useState(initial.get("action") ?? "");
  const [personText, setPersonText] = useState(initial.get("person") ?? "");
  const [targetText, setTargetText] = useState(initial.get("target") ?? "");
  const [from, setFrom] = useState(initial.get("from") ?? "");
  const [to, setTo] = useState(initial.get("to") ?? "");
  const person = useDebounced(personText.trim(), 300);
  const target = useDebounced(targetText.trim(), 300);
  const filters = { action, person, target, from, to };
  useFiltersInUrl(filters);
  // The pages belong to these filters: changing one starts again from the first page.
  const paging = useCursorStack(JSON.stringify(filters));
  const cursor = paging.cursor;
  const page = useAuditPage({ ...filters, cursor, limit: PAGE_SIZE });

  const filtered = Object.values(filters).some(Boolean);
  const clear = () => {
    setAction("");
    setPersonText("");
    setTargetText("");
    setFrom("");
    setTo("");
  };
  const events = page.data?.items ?? [];
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <form
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
        className="grid grid-cols-2 gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="audit-action" className={label}>
            Action
          </label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)} className={input}>
            <option value="">All actions</option>
            {auditActionGroups.map((group) => (
              <option key={group} value={group}>
                {ACTION_LABELS[group]}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 sm:col-span-1 lg:col-span-2">
          <label htmlFor="audit-person" className={label}>
            Person (email)
          </label>
          <input
            id="audit-person"
            type="search"
            value={personText}
            onChange={(e) => setPersonText(e.target.value)}
            placeholder="name@example.com"
            className={input}
          />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="audit-target" className={label}>
            Target id
          </label>
          <input
            id="audit-target"
            type="search"
            value={targetText}
            onChange={(e) => setTargetText(e.target.value)}
            className={input}
          />
        </div>
        <div>
          <label htmlFor="audit-from" className={label}>
            From
          </label>
          <input id="audit-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className={label}>
            To
          </label>
          <input id="audit-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} className={input} />
        </div>
      </form>
      {page.isError && !page.data ? (
        <ErrorState
          title="Couldn't load the audit log"
          message={page.error.message}
          onRetry={() => void page.refetch()}
        />
      ) : (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
          {page.isError && (
            <p
              role="alert"
              className="border-b border-red-200 px-4 py-2 text-sm text-red-700 dark:border-red-900/60 dark:text-red-300"
            >
              {page.error.message}
            </p>
          )}
          <table className="w-full table-fixed text-sm" aria-busy={page.isFetching || undefined}>
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className={`${cell} w-28 sm:w-48`}>
                  Time
                </th>
                <th scope="col" className={`${cell} sm:w-48`}>
                  Action
                </th>
                <th scope="col" className={`${cell} ${fromSm}`}>
                  Who
                </th>
                <th scope="col" className={`${cell} ${fromSm}`}>
                  Target
                </th>
                <th scope="col" className={`${cell} ${fromLg}`}>
                  Details
                </th>
                <th scope="col" className={`${cell} ${fromLg} w-44`}>
                  Address and browser
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {page.isPending ? (
                <SkeletonRows count={8} testId="audit-row-skeleton" columns={SKELETON_COLUMNS} />
              ) : (
                events.map((event) => <EventRow key={event.id} event={event} />)
              )}
            </tbody>
          </table>
          {!page.isPending && events.length === 0 && (
            <div className="flex flex-col items-center gap-2 px-6 py-12 text-center" data-testid="audit-empty">
              <ScrollText className="size-7 text-zinc-400" aria-hidden />
              <p className="font-medium">{filtered ? "No events match these filters" : "No events recorded yet"}</p>
              {filtered && (
                <Button variant="secondary" onClick={clear}>
                  Clear filters
                </Button>
              )}
            </div>
          )}
        </div>
      )}
      <KeysetPager
        label="Audit log pages"
        loadingText="Loading events…"
        pageNumber={paging.pageNumber}
        shown={events.length}
        loading={page.isPending}
        nextCursor={page.data?.nextCursor}
        stale={page.isPlaceholderData}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
    </section>
  );
}

/** /admin/audit: who did what, when and from where; filterable, newest first. */
export function AuditLog() {
  return (
    <AdminQueryProvider>
      <div className="space-y-5">
        <div>
          <Link
            href="/admin"
            className={`inline-flex items-center gap-1 rounded text-sm text-indigo-700 hover:underline dark:text-indigo-300 ${focusRing}`}
          >
            <ArrowLeft className="size-4" aria-hidden /> Admin console
          </Link>
          <h1 id="audit-heading" className="mt-1 text-2xl font-semibold tracking-tight">
            Audit log
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Sign-ins, uploads, deletions, share links, API tokens and admin changes, newest first.
          </p>
        </div>
        <AuditTable />
      </div>
    </AdminQueryProvider>
  );
}
