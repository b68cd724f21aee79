"use client";

import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown, Download, Search, Users } from "lucide-react";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Button, buttonClasses, focusRing } from "@/components/ui/button";
import { formatDateTime, formatRelativeDate } from "@/lib/client/format";
import type { AdminUserRow, UsageSort } from "@/lib/schemas/admin";
import { KeysetPager, useCursorStack } from "./keyset-pager";
import { ErrorState, SkeletonRows } from "./states";
import { QuotaCell, RoleSelect, StatusBadge, StatusToggle, type ControlContext } from "./user-controls";
import { useUsagePage } from "./use-admin";

const PAGE_SIZE = 25;
const cell = "px-3 py-3 align-middle first:pl-4 last:pr-4";
// Columns that give way on narrow screens (their facts move under the email).
const fromSm = "hidden sm:table-cell";
const fromMd = "hidden md:table-cell";
const fromLg = "hidden lg:table-cell";

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function SortHeader({
  label,
  column,
  sort,
  order,
  onSort,
  className = "",
}: {
  label: string;
  column: UsageSort;
  sort: UsageSort;
  order: "asc" | "desc";
  onSort: (column: UsageSort) => void;
  className?: string;
}) {
  const active = sort === column;
  const Icon = !active ? ArrowUpDown : order === "asc" ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}
      className={`${cell} ${className}`}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={`-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-zinc-900 dark:hover:text-zinc-100 ${focusRing}`}
      >
        {label}
        <Icon className={`size-3.5 ${active ? "" : "opacity-50"}`} aria-hidden />
      </button>
    </th>
  );
}

function UserRow({ user, context, now }: { user: AdminUserRow; context: ControlContext; now: Date }) {
  const last = user.lastUploadAt ? new Date(user.lastUploadAt) : null;
  const files = `${user.fileCount.toLocaleString("en-US")} file${user.fileCount === 1 ? "" : "s"}`;
  return (
    <tr data-testid="admin-user-row" data-user-id={user.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
      <td className={cell}>
        <Link
          href={`/admin/users/${user.id}`}
          className={`block truncate rounded font-medium text-indigo-700 hover:underline dark:text-indigo-300 ${focusRing}`}
          title={user.email}
        >
          {user.email}
        </Link>
        <p className="truncate text-xs text-zinc-600 lg:hidden dark:text-zinc-400">
          {[user.name, user.role === "ADMIN" ? "Admin" : null].filter(Boolean).join(" · ")}
          <span className="md:hidden">
            {user.name || user.role === "ADMIN" ? " · " : ""}
            {files}
          </span>
        </p>
        {/* Phones: the status column gives way; its controls are on the user's page. */}
        <div className="mt-1 sm:hidden">
          <StatusBadge disabled={user.disabled} />
        </div>
      </td>
      <td className={`${cell} ${fromLg} truncate text-zinc-700 dark:text-zinc-300`} title={user.name ?? undefined}>
        {user.name ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}
      </td>
      <td className={`${cell} ${fromSm}`}>
        <RoleSelect user={user} context={context} />
      </td>
      <td className={cell}>
        <QuotaCell user={user} context={context} />
      </td>
      <td className={`${cell} ${fromMd} text-right text-zinc-700 tabular-nums dark:text-zinc-300`}>
        {user.fileCount.toLocaleString("en-US")}
      </td>
      <td className={`${cell} ${fromLg} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
        {last ? (
          <time dateTime={user.lastUploadAt!} title={formatDateTime(last)}>
            {formatRelativeDate(last, now)}
          </time>
        ) : (
          "Never"
        )}
      </td>
      <td className={`${cell} ${fromSm}`}>
        <div className="flex flex-col items-start gap-1.5 lg:flex-row lg:items-center">
          <StatusBadge disabled={user.disabled} />
          <StatusToggle user={user} context={context} />
        </div>
      </td>
    </tr>
  );
}

const SKELETON_COLUMNS = [
  { cell, bars: ["h-4 w-40"] },
  { cell: `${cell} ${fromLg}`, bars: ["h-4 w-24"] },
  { cell: `${cell} ${fromSm}`, bars: ["h-7 w-20"] },
  { cell, bars: ["h-3 w-28", "mt-2 h-1 w-full"] },
  { cell: `${cell} ${fromMd}`, bars: ["ml-auto h-4 w-8"] },
  { cell: `${cell} ${fromLg}`, bars: ["h-4 w-16"] },
  { cell: `${cell} ${fromSm}`, bars: ["h-5 w-14"] },
];

/** Every account: searchable by email or name, sortable, paged by keyset cursors. */
export function UsersTable({ context }: { context: ControlContext }) {
  const [sort, setSort] = useState<UsageSort>("usedBytes");
  const [order, setOrder] = useState<"asc" | "desc">("desc");
  const [search, setSearch] = useState("");
  const searchBox = useRef<HTMLInputElement>(null);
  // What was typed before the page came alive (the server-rendered box takes keys, React sees none
  // of them): adopted once, so the table, its search and the Export link agree with the box. A layout
  // effect, so it runs in hydration's own commit: the next render of the box would reset it to "".
  useLayoutEffect(() => {
    const typed = searchBox.current?.value;
    if (typed) setSearch(typed);
  }, []);
  const q = useDebounced(search.trim(), 250);
  // The pages belong to one sort and search: another starts again from the first page.
  const paging = useCursorStack(`${sort} ${order} ${q}`);
  const cursor = paging.cursor;
  const page = useUsagePage({ sort, order, q: q || undefined, cursor, limit: PAGE_SIZE });
  const [now] = useState(() => new Date());

  function onSort(column: UsageSort) {
    if (column === sort) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSort(column);
      setOrder(column === "email" ? "asc" : "desc");
    }
  }

  const users = page.data?.users ?? [];
  const header = { sort, order, onSort };
  return (
    <section aria-labelledby="users-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="users-heading" className="text-lg font-semibold">
          Users
        </h2>
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
          <div className="relative w-full sm:w-72">
            <Search
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500"
              aria-hidden
            />
            <input
              ref={searchBox}
              type="search"
              aria-label="Search users by email or name"
              placeholder="Search by email or name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="w-full rounded-lg border border-zinc-300 bg-white py-2 pr-3 pl-9 text-sm placeholder:text-zinc-500 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-400"
            />
          </div>
          {/* What the table shows, in its order: every matching account, not only this page. */}
          <a
            href={`/api/admin/usage.csv?${new URLSearchParams({ sort, order, ...(q ? { q } : {}) })}`}
            download
            className={buttonClasses("secondary")}
            aria-describedby="users-export-hint"
            data-testid="users-export"
          >
            <Download className="size-4" aria-hidden /> Export CSV
          </a>
          <p id="users-export-hint" className="sr-only">
            {q ? `Every account matching “${q}”` : "Every account"}, in the table&apos;s order, as a CSV file.
          </p>
        </div>
      </div>
      {page.isError && !page.data ? (
        <ErrorState title="Couldn't load users" message={page.error.message} onRetry={() => void page.refetch()} />
      ) : (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full table-fixed text-sm" aria-busy={page.isFetching || undefined}>
            <caption className="sr-only">
              Users and their storage, sorted by{" "}
              {sort === "usedBytes" ? "storage used" : sort === "fileCount" ? "files" : "email"}
            </caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <SortHeader label="Email" column="email" {...header} />
                <th scope="col" className={`${cell} ${fromLg} w-36`}>
                  Name
                </th>
                <th scope="col" className={`${cell} ${fromSm} w-28`}>
                  Role
                </th>
                <SortHeader label="Usage" column="usedBytes" {...header} className="w-[55%] sm:w-56" />
                <SortHeader label="Files" column="fileCount" {...header} className={`${fromMd} w-20 text-right`} />
                <th scope="col" className={`${cell} ${fromLg} w-28`}>
                  Last upload
                </th>
                <th scope="col" className={`${cell} ${fromSm} w-28 lg:w-40`}>
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {page.isPending ? (
                <SkeletonRows count={6} testId="admin-row-skeleton" columns={SKELETON_COLUMNS} />
              ) : (
                users.map((user) => <UserRow key={user.id} user={user} context={context} now={now} />)
              )}
            </tbody>
          </table>
          {!page.isPending && users.length === 0 && (
            <div className="flex flex-col items-center gap-2 px-6 py-12 text-center" data-testid="admin-users-empty">
              <Users className="size-7 text-zinc-400" aria-hidden />
              <p className="font-medium">{q ? `No users match “${q}”` : "No users yet"}</p>
              {q && (
                <Button variant="secondary" onClick={() => setSearch("")}>
                  Clear search
                </Button>
              )}
            </div>
          )}
        </div>
      )}
      <KeysetPager
        label="Users pages"
        loadingText="Loading users…"
        pageNumber={paging.pageNumber}
        shown={users.length}
        loading={page.isPending}
        nextCursor={page.data?.nextCursor}
        stale={page.isPlaceholderData}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
    </section>
  );
}
