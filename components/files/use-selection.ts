"use client";

import { useCallback, useMemo, useState } from "react";
import type { Entry } from "./queries";

interface SelectionState {
  /** Keys of the selected entries. */
  keys: ReadonlySet<string>;
  /** The entry with the keyboard focus (its key), and where a shift-range starts. */
  focus: string | null;
  anchor: string | null;
}

const EMPTY: SelectionState = { keys: new Set(), focus: null, anchor: null };

export interface PickOptions {
  /** Shift: select the range from the anchor. */
  range?: boolean;
  /** Ctrl/Cmd: add or remove this one, keep the rest. */
  toggle?: boolean;
  /** Move the focus only (Ctrl + arrows). */
  focusOnly?: boolean;
}

/**
 * Which entries are selected and which one has the focus, like a desktop file manager: a click
 * selects one, shift-click a range from the anchor, ctrl/cmd-click toggles one. Keys that left
 * the list (trashed, moved) simply stop counting.
 */
export function useSelection(entries: Entry[]) {
  const [state, setState] = useState<SelectionState>(EMPTY);
  const indexOf = useMemo(() => new Map(entries.map((entry, i) => [entry.key, i])), [entries]);

  const pick = useCallback(
    (index: number, options: PickOptions = {}) => {
      const entry = entries[index];
      if (!entry) return;
      setState((s) => {
        if (options.focusOnly) return { ...s, focus: entry.key };
        if (options.range && s.anchor !== null && indexOf.has(s.anchor)) {
          const from = indexOf.get(s.anchor)!;
          const [start, end] = from < index ? [from, index] : [index, from];
          const keys = new Set(options.toggle ? s.keys : []);
          for (let i = start; i <= end; i++) keys.add(entries[i].key);
          return { keys, focus: entry.key, anchor: s.anchor };
        }
        if (options.toggle) {
          const keys = new Set(s.keys);
          if (keys.has(entry.key)) keys.delete(entry.key);
          else keys.add(entry.key);
          return { keys, focus: entry.key, anchor: entry.key };
        }
        return { keys: new Set([entry.key]), focus: entry.key, anchor: entry.key };
      });
    },
    [entries, indexOf],
  );

  const selectAll = useCallback(() => setState((s) => ({ ...s, keys: new Set(entries.map((e) => e.key)) })), [entries]);
  const clear = useCallback(() => setState((s) => ({ ...s, keys: new Set(), anchor: null })), []);
  /** Selects exactly these (e.g. the entry right-clicked outside the selection). */
  const only = useCallback(
    (entry: Entry) => setState({ keys: new Set([entry.key]), focus: entry.key, anchor: entry.key }),
    [],
  );

  const selected = useMemo(() => entries.filter((e) => state.keys.has(e.key)), [entries, state.keys]);
  const focusIndex = state.focus !== null ? (indexOf.get(state.focus) ?? -1) : -1;

  return { keys: state.keys, selected, focusIndex, focusKey: state.focus, pick, selectAll, clear, only };
}

export type Selection = ReturnType<typeof useSelection>;
