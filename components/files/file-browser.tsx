"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes } from "react";
import type { MenuItem } from "@/components/ui/menu";
import {
  GridTile,
  LIST_ROW_HEIGHT,
  ListRow,
  TILE_HEIGHT,
  type EntryViewProps,
  type RenameRefusal,
} from "./entry-views";
import { ListFooter } from "./list-footer";
import { ListHeader, type SortProps } from "./list-header";
import type { Entry } from "./queries";
import type { Selection } from "./use-selection";
import { isParentKey } from "./use-list-focus";
import { useWindowRows } from "./use-window-rows";

// Loaded on the first right-click or menu button: not needed to show the list.
const Menu = dynamic(() => import("@/components/ui/menu").then((m) => m.Menu));

export interface FileBrowserProps {
  entries: Entry[];
  view: "list" | "grid";
  /** The list's accessible name, e.g. "Files in Photos". */
  label: string;
  selection: Selection;
  showLocation?: boolean;
  /** The trash shows when entries were deleted instead of uploaded. */
  dateField?: "createdAt" | "deletedAt";
  sort?: SortProps;
  hasMore: boolean;
  loadMore: () => void;
  renamingKey: string | null;
  /** A refused rename, reopened with what was typed and why (the name was taken). */
  renameRefusal?: RenameRefusal | null;
  onRenameDone: (entry: Entry, name: string | null) => void;
  /** Enter / double-click: a folder opens, a file previews. */
  onOpen: (entry: Entry) => void;
  /** Backspace, Alt+↑ or Alt+←: the parent folder (absent at the root and in the trash). */
  onParent?: () => void;
  /** Delete key on the selection. */
  onDelete: (entries: Entry[]) => void;
  /** F2 on the focused entry. */
  onRename: (entry: Entry) => void;
  menuItems: (entries: Entry[]) => MenuItem[];
}

const TILE_MIN_WIDTH = 168;
/** The app header (3.5 rem) and the list's sticky column headers stay above the rows. */
const STICKY_TOP = 56 + 36;
const LONG_PRESS_MS = 500;

function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The folder's entries as a virtualized list or grid (role="grid", multi-select): only the rows
 * on screen are in the DOM, more pages are fetched while scrolling. The list keeps one tab stop;
 * arrows move the focus (shift extends the selection, ctrl moves the focus alone), Space toggles,
 * Enter opens, Backspace or Alt+↑ goes to the parent folder, Delete trashes, F2 renames, Ctrl/Cmd+A selects all, Esc clears, Shift+F10 opens
 * the menu. Touch: a tap opens, a long press selects.
 */
export function FileBrowser(props: FileBrowserProps) {
  const { entries, view, selection, hasMore, loadMore } = props;
  const gridRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(false);
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; entries: Entry[] } | null>(null);
  const [width, setWidth] = useState(1024);
  const now = useNow();

  useLayoutEffect(() => {
    const body = bodyRef.current!;
    const measure = () => setWidth(body.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    return () => observer.disconnect();
  }, []);

  const columns = view === "grid" ? Math.max(2, Math.floor((width + 12) / (TILE_MIN_WIDTH + 12))) : 1;
  const rowCount = Math.ceil(entries.length / columns);
  const rowHeight = view === "grid" ? TILE_HEIGHT : LIST_ROW_HEIGHT;
  const rows = useWindowRows(bodyRef, rowCount, rowHeight, view === "grid" ? 3 : 12, view === "grid" ? 56 : STICKY_TOP);
  const { scrollToIndex } = rows;

  // Fetch the next page while the last rows come near.
  useEffect(() => {
    if (hasMore && rows.end >= rowCount - 15) loadMore();
  }, [hasMore, rows.end, rowCount, loadMore]);

  // A finished rename takes its input away: give the focus back to the list.
  const wasRenaming = useRef(false);
  useEffect(() => {
    if (
      wasRenaming.current &&
      props.renamingKey === null &&
      (document.activeElement === document.body || document.activeElement === null)
    ) {
      gridRef.current?.focus({ preventScroll: true });
    }
    wasRenaming.current = props.renamingKey !== null;
  }, [props.renamingKey]);

  const focusIndex = selection.focusIndex;
  useEffect(() => {
    if (focusIndex >= 0) scrollToIndex(Math.floor(focusIndex / columns));
  }, [focusIndex, columns, scrollToIndex]);

  const openMenu = useCallback(
    (entry: Entry, at: { x: number; y: number }) => {
      const inSelection = selection.keys.has(entry.key);
      if (!inSelection) selection.only(entry);
      setMenu({ at, entries: inSelection ? selection.selected : [entry] });
    },
    [selection],
  );

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.target !== gridRef.current) return; // keys typed into a rename field
    const mod = event.ctrlKey || event.metaKey;
    const current = focusIndex;
    const move = (to: number) => {
      const index = Math.max(0, Math.min(entries.length - 1, to));
      selection.pick(index, { range: event.shiftKey, focusOnly: mod && !event.shiftKey });
    };
    const step = {
      ArrowDown: columns,
      ArrowUp: -columns,
      ArrowRight: view === "grid" ? 1 : 0,
      ArrowLeft: view === "grid" ? -1 : 0,
    }[event.key];
    const focusedEntry = entries[current];
    if (isParentKey(event)) {
      if (!props.onParent) return;
      props.onParent();
    } else if (step !== undefined) {
      if (step === 0) return;
      move(current < 0 ? 0 : current + step);
    } else if (event.key === "Home") move(0);
    else if (event.key === "End") move(entries.length - 1);
    else if (event.key === "a" && mod) selection.selectAll();
    else if (event.key === "Escape") selection.clear();
    else if (event.key === " " && current >= 0) selection.pick(current, { toggle: true });
    else if (event.key === "Enter" && focusedEntry) props.onOpen(focusedEntry);
    else if (event.key === "F2" && focusedEntry) props.onRename(focusedEntry);
    else if ((event.key === "Delete" || (event.key === "Backspace" && event.metaKey)) && selection.selected.length > 0)
      props.onDelete(selection.selected);
    else if ((event.key === "F10" && event.shiftKey) || event.key === "ContextMenu") {
      if (!focusedEntry) return;
      const rect = document.getElementById(domId(focusedEntry))?.getBoundingClientRect();
      openMenu(focusedEntry, { x: (rect?.left ?? 0) + 24, y: (rect?.bottom ?? 0) - 8 });
    } else return;
    event.preventDefault();
  }

  // Long-press on touch selects (and suppresses the click that follows).
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; fired: boolean } | null>(null);
  const cancelPress = () => {
    if (press.current) clearTimeout(press.current.timer);
  };

  function handlersFor(entry: Entry, index: number): HTMLAttributes<HTMLDivElement> {
    return {
      onPointerDown: (event) => {
        if (event.pointerType === "mouse") return;
        cancelPress();
        const state = {
          fired: false,
          timer: setTimeout(() => {
            state.fired = true;
            selection.pick(index, { toggle: true });
            navigator.vibrate?.(20);
          }, LONG_PRESS_MS),
        };
        press.current = state;
      },
      onPointerUp: cancelPress,
      onPointerCancel: cancelPress,
      onPointerLeave: cancelPress,
      onClick: (event) => {
        gridRef.current?.focus({ preventScroll: true });
        if (press.current?.fired) {
          press.current = null;
          return;
        }
        const touch = (event.nativeEvent as PointerEvent).pointerType === "touch";
        if (touch && selection.keys.size === 0) props.onOpen(entry);
        else selection.pick(index, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey || touch });
      },
      onDoubleClick: () => props.onOpen(entry),
      onContextMenu: (event) => {
        event.preventDefault();
        if (press.current?.fired) return; // the long press already selected it
        gridRef.current?.focus({ preventScroll: true });
        openMenu(entry, { x: event.clientX, y: event.clientY });
      },
    };
  }

  const domId = (entry: Entry) => `entry-${entry.key.replace(":", "-")}`;
  const viewProps = (entry: Entry, index: number, style: React.CSSProperties): EntryViewProps => ({
    entry,
    selected: selection.keys.has(entry.key),
    active: focused && index === focusIndex,
    renaming: props.renamingKey === entry.key,
    renameRefusal: props.renameRefusal?.key === entry.key ? props.renameRefusal : undefined,
    showLocation: props.showLocation ?? false,
    dateField: props.dateField ?? "createdAt",
    now,
    onRenameDone: props.onRenameDone,
    onMenuButton: openMenu,
    handlers: handlersFor(entry, index),
    domId: domId(entry),
    rowIndex: index + 2,
    style,
  });
  const activeEntry = focusIndex >= 0 ? entries[focusIndex] : undefined;

  return (
    <>
      <div
        ref={gridRef}
        role="grid"
        aria-label={props.label}
        aria-multiselectable
        aria-rowcount={view === "list" ? entries.length + 1 : -1}
        aria-activedescendant={focused && activeEntry ? domId(activeEntry) : undefined}
        tabIndex={0}
        data-testid="file-browser"
        data-view={view}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target !== gridRef.current) return;
          setFocused(true);
          if (focusIndex < 0 && entries.length > 0) selection.pick(0, { focusOnly: true });
        }}
        onBlur={() => setFocused(false)}
        onClick={(event) => event.target === event.currentTarget && selection.clear()}
        className="rounded-lg border border-zinc-200 bg-white shadow-xs outline-none focus-visible:border-indigo-400 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-visible:border-indigo-600"
      >
        {view === "list" && (
          <ListHeader sort={props.sort} dateLabel={props.dateField === "deletedAt" ? "Deleted" : "Uploaded"} />
        )}
        <div
          ref={bodyRef}
          role="rowgroup"
          className="relative"
          style={{ height: rows.totalHeight }}
          onClick={(event) => event.target === event.currentTarget && selection.clear()}
        >
          {Array.from({ length: rows.end - rows.start }, (_, i) => {
            const index = rows.start + i;
            const top = index * rowHeight;
            if (view === "list") {
              const entry = entries[index];
              return (
                <ListRow
                  key={entry.key}
                  {...viewProps(entry, index, { height: LIST_ROW_HEIGHT, transform: `translateY(${top}px)` })}
                />
              );
            }
            const start = index * columns;
            return (
              <div
                key={index}
                role="row"
                className="absolute inset-x-0 top-0 grid gap-3 px-3 pt-3"
                style={{
                  gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                  height: TILE_HEIGHT,
                  transform: `translateY(${top}px)`,
                }}
              >
                {entries.slice(start, start + columns).map((entry, i) => (
                  <GridTile key={entry.key} {...viewProps(entry, start + i, {})} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <ListFooter count={entries.length} hasMore={props.hasMore} />
      {menu && (
        <Menu
          at={menu.at}
          items={props.menuItems(menu.entries)}
          label={
            menu.entries.length === 1
              ? `Actions for ${menu.entries[0].name}`
              : `Actions for ${menu.entries.length} items`
          }
          onClose={() => setMenu(null)}
        />
      )}
    </>
  );
}
