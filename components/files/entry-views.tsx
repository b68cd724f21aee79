"use client";

import { CircleCheck, Folder, Link2, MoreVertical, TriangleAlert } from "lucide-react";
import { memo, useEffect, useRef, type HTMLAttributes } from "react";
import { formatBytes } from "@/lib/bytes";
import { thumbnailUrl } from "@/lib/client/api";
import { formatDateTime, formatRelativeDate } from "@/lib/client/format";
import { FileIcon } from "./file-icon";
import type { Entry } from "./queries";

/** Grid columns of the list view, shared by its header and rows. */
export const LIST_COLUMNS =
  "grid grid-cols-[minmax(0,1fr)_5.5rem_2.5rem] sm:grid-cols-[minmax(0,1fr)_7rem_9rem_2.75rem]";
export const LIST_ROW_HEIGHT = 52;
export const TILE_HEIGHT = 196;

export interface RenameRefusal {
  key: string;
  draft: string;
  error: string;
}

export interface EntryViewProps {
  entry: Entry;
  selected: boolean;
  /** Has the keyboard focus (drawn with a ring while the list is focused). */
  active: boolean;
  renaming: boolean;
  /** Set when this entry's rename was refused: the field comes back with the typed name and why. */
  renameRefusal?: RenameRefusal;
  showLocation: boolean;
  /** Which date the list shows: uploaded, or (in the trash) deleted. */
  dateField: "createdAt" | "deletedAt";
  now: Date;
  onRenameDone: (entry: Entry, name: string | null) => void;
  onMenuButton: (entry: Entry, at: { x: number; y: number }) => void;
  /** Pointer and mouse handlers of the row (selection, open, context menu, long-press). */
  handlers: HTMLAttributes<HTMLDivElement>;
  domId: string;
  rowIndex: number;
  style: React.CSSProperties;
}

export function EntryIcon({ entry, className = "size-5" }: { entry: Entry; className?: string }) {
  if (entry.kind === "folder")
    return (
      <Folder
        className={`shrink-0 fill-sky-100 text-sky-600 dark:fill-sky-950 dark:text-sky-400 ${className}`}
        aria-hidden
      />
    );
  return <FileIcon type={entry.file.type} name={entry.name} className={className} />;
}

function SharedMarker({ entry }: { entry: Entry }) {
  const shared = entry.kind === "file" ? entry.file.shared : entry.folder.shared;
  if (!shared) return null;
  return (
    <span
      className="inline-flex shrink-0 items-center text-emerald-600 dark:text-emerald-400"
      title="Shared by link"
      data-testid="shared-marker"
    >
      <Link2 className="size-3.5" aria-hidden />
      <span className="sr-only">, shared by link</span>
    </span>
  );
}

/** A file whose stored bytes reconciliation found missing: it cannot be previewed or downloaded. */
function UnavailableBadge({ entry }: { entry: Entry }) {
  if (entry.kind !== "file" || !entry.file.missingAt) return null;
  return (
    <span
      className="inline-flex shrink-0 items-center gap-1 rounded-full bg-amber-100 px-1.5 py-0.5 text-[11px] leading-none font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
      title="The stored copy of this file is missing or damaged: it cannot be previewed or downloaded."
      data-testid="unavailable-badge"
    >
      <TriangleAlert className="size-3" aria-hidden />
      Unavailable
      <span className="sr-only">: the stored copy is missing, so it cannot be previewed or downloaded</span>
    </span>
  );
}

/** Where a search hit lives: "My files / Photos / 2024". */
function Location({ entry }: { entry: Entry }) {
  const path = entry.kind === "file" ? entry.file.path : entry.folder.path;
  const text = ["My files", ...(path ?? []).map((p) => p.name)].join(" / ");
  return (
    <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400" data-testid="entry-location">
      <span className="sr-only">, in </span>
      {text}
    </span>
  );
}

/** The name being edited in place: Enter or leaving the field saves, Esc cancels. */
function RenameInput({
  entry,
  refusal,
  onDone,
}: {
  entry: Entry;
  refusal?: RenameRefusal;
  onDone: (entry: Entry, name: string | null) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  const initial = refusal?.draft ?? entry.name;
  const errorId = `rename-error-${entry.key.replace(":", "-")}`;
  useEffect(() => {
    const input = ref.current!;
    input.focus();
    // Select the name without its extension, as file managers do.
    const dot = entry.kind === "file" ? initial.lastIndexOf(".") : -1;
    input.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [entry, initial]);
  const finish = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(entry, name === null || name.trim() === "" || name.trim() === entry.name ? null : name.trim());
  };
  return (
    <span className="relative block">
      <input
        ref={ref}
        defaultValue={initial}
        aria-label={`New name for ${entry.name}`}
        aria-invalid={refusal ? true : undefined}
        aria-describedby={refusal ? errorId : undefined}
        maxLength={255}
        className="w-full min-w-0 rounded-md border border-indigo-500 bg-white px-2 py-1 text-sm outline-2 outline-indigo-500/30 dark:bg-zinc-950"
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === "Enter") finish(event.currentTarget.value);
          if (event.key === "Escape") finish(null);
        }}
        onClick={(event) => event.stopPropagation()}
        onDoubleClick={(event) => event.stopPropagation()}
        onBlur={(event) => finish(event.currentTarget.value)}
      />
      {refusal && (
        // Over the row below rather than in it: rows have a fixed height.
        <span
          id={errorId}
          role="alert"
          className="absolute top-full left-0 z-10 mt-1 max-w-xs rounded-md border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800 shadow-sm dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {refusal.error}
        </span>
      )}
    </span>
  );
}

function MenuButton({
  entry,
  onMenuButton,
  className = "",
}: {
  entry: Entry;
  onMenuButton: EntryViewProps["onMenuButton"];
  className?: string;
}) {
  return (
    <button
      type="button"
      tabIndex={-1}
      aria-label={`Actions for ${entry.name}`}
      aria-haspopup="menu"
      className={`inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100 ${className}`}
      onClick={(event) => {
        event.stopPropagation();
        const rect = event.currentTarget.getBoundingClientRect();
        onMenuButton(entry, { x: rect.right - 192, y: rect.bottom + 4 });
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <MoreVertical className="size-4" aria-hidden />
    </button>
  );
}

const rowTone = (selected: boolean, active: boolean) =>
  `${selected ? "bg-indigo-100 dark:bg-indigo-900/60" : "hover:bg-zinc-50 dark:hover:bg-zinc-800/50"} ${active ? "outline-2 -outline-offset-2 outline-indigo-500" : ""}`;

/** A row of the list view. */
export const ListRow = memo(function ListRow(props: EntryViewProps) {
  const { entry, selected, active, renaming, showLocation, now, handlers, domId, rowIndex, style } = props;
  const item = entry.kind === "file" ? entry.file : entry.folder;
  const created = new Date((props.dateField === "deletedAt" && item.deletedAt) || item.createdAt);
  return (
    <div
      id={domId}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-testid={entry.kind === "file" ? "file-row" : "folder-row"}
      data-key={entry.key}
      style={style}
      className={`${LIST_COLUMNS} absolute inset-x-0 top-0 cursor-default items-center border-b border-zinc-100 text-sm select-none dark:border-zinc-800 ${rowTone(selected, active)}`}
      {...handlers}
    >
      <div role="gridcell" className="flex min-w-0 items-center gap-3 px-3 sm:pl-4">
        <EntryIcon entry={entry} />
        <EntryName
          entry={entry}
          renaming={renaming}
          renameRefusal={props.renameRefusal}
          showLocation={showLocation}
          onRenameDone={props.onRenameDone}
          className="gap-1.5"
        />
      </div>
      <div role="gridcell" className="px-3 text-right whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
        {entry.kind === "file" ? formatBytes(entry.file.size) : <span aria-label="Folder">—</span>}
      </div>
      <div role="gridcell" className="hidden truncate px-3 whitespace-nowrap text-zinc-600 sm:block dark:text-zinc-400">
        <time dateTime={created.toISOString()} title={formatDateTime(created)}>
          {formatRelativeDate(created, now)}
        </time>
      </div>
      <div role="gridcell" className="flex justify-end pr-1 sm:pr-2">
        <MenuButton entry={entry} onMenuButton={props.onMenuButton} />
      </div>
    </div>
  );
});

/** The name (or its rename field), the shared marker and, for search hits, where it is. */
function EntryName({
  entry,
  renaming,
  renameRefusal,
  showLocation,
  onRenameDone,
  className,
}: Pick<EntryViewProps, "entry" | "renaming" | "renameRefusal" | "showLocation" | "onRenameDone"> & {
  className: string;
}) {
  return (
    <div className="min-w-0 flex-1">
      {renaming ? (
        <RenameInput key={renameRefusal?.draft ?? ""} entry={entry} refusal={renameRefusal} onDone={onRenameDone} />
      ) : (
        <span className={`flex min-w-0 items-center ${className}`}>
          <span
            className="truncate font-medium text-zinc-900 dark:text-zinc-100"
            title={entry.name}
            data-testid="entry-name"
          >
            {entry.name}
          </span>
          <SharedMarker entry={entry} />
          <UnavailableBadge entry={entry} />
        </span>
      )}
      {showLocation && !renaming && <Location entry={entry} />}
    </div>
  );
}

/** A tile of the grid view: a thumbnail (never the original) or an icon, and the name. */
export const GridTile = memo(function GridTile(props: EntryViewProps) {
  const { entry, selected, active, renaming, showLocation, handlers, domId } = props;
  const thumbnail = entry.kind === "file" && entry.file.hasThumbnail;
  return (
    <div
      id={domId}
      role="gridcell"
      aria-selected={selected}
      data-testid={entry.kind === "file" ? "file-row" : "folder-row"}
      data-key={entry.key}
      className={`relative flex min-w-0 cursor-default flex-col overflow-hidden rounded-lg border select-none ${
        selected ? "border-indigo-400 dark:border-indigo-600" : "border-zinc-200 dark:border-zinc-800"
      } ${rowTone(selected, active)}`}
      style={{ height: TILE_HEIGHT - 12 }}
      {...handlers}
    >
      <div className="flex min-h-0 flex-1 items-center justify-center bg-zinc-100/70 dark:bg-zinc-800/40">
        {thumbnail ? (
          // A small image (made by the server, or by the browser at upload time); never the original.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={thumbnailUrl(entry.id)}
            alt=""
            loading="lazy"
            decoding="async"
            className="size-full object-cover"
            data-testid="thumbnail"
          />
        ) : entry.kind === "file" && entry.file.media === "queued" ? (
          <span title="Making a thumbnail…" data-testid="thumbnail-pending" className="motion-safe:animate-pulse">
            <EntryIcon entry={entry} className="size-12" />
          </span>
        ) : (
          <EntryIcon entry={entry} className="size-12" />
        )}
      </div>
      <div className="flex items-center gap-1.5 py-1.5 pr-1 pl-2.5">
        <EntryName
          entry={entry}
          renaming={renaming}
          renameRefusal={props.renameRefusal}
          showLocation={showLocation}
          onRenameDone={props.onRenameDone}
          className="gap-1 text-sm"
        />
        <MenuButton entry={entry} onMenuButton={props.onMenuButton} />
      </div>
      {selected && <CircleCheck className="absolute top-2 left-2 size-5 fill-indigo-600 text-white" aria-hidden />}
    </div>
  );
});
