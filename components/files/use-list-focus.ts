"use client";

import { useEffect, useRef, type KeyboardEvent, type RefObject } from "react";

/** Backspace, Alt+↑ or Alt+←: to the parent folder (as in file managers). */
export function isParentKey(event: KeyboardEvent): boolean {
  const mod = event.ctrlKey || event.metaKey;
  return (
    (event.key === "Backspace" && !mod && !event.altKey) ||
    (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowLeft"))
  );
}

// Set once a folder page has been shown: a later one was reached by navigating inside the app.
let shownBefore = false;

const focusLost = () => !document.activeElement || document.activeElement === document.body;
const theList = () => document.getElementById("main")?.querySelector<HTMLElement>('[role="grid"]') ?? null;

/**
 * After a dialog opened from an entry's menu closes: the browser gives the focus back to the menu
 * item, which is gone by then, so it would fall to <body>; the list takes it instead.
 */
export function refocusList(): void {
  requestAnimationFrame(() => {
    if (focusLost()) theList()?.focus({ preventScroll: true });
  });
}

/**
 * Keyboard focus on a folder page. After navigating to it (a folder opened with Enter, the parent
 * with Backspace, a breadcrumb), the focus the old page's element took with it lands on the list,
 * or on the heading when there is no list; the first load of the app leaves it to the browser (the
 * first Tab reaches "Skip to content"). "Skip to content" itself lands on the list.
 */
export function useListFocus(heading: RefObject<HTMLElement | null>, ready: boolean, folderId: string | null) {
  const navigated = useRef(shownBefore);
  const firstFolder = useRef(folderId);
  useEffect(() => {
    shownBefore = true;
  }, []);

  useEffect(() => {
    if (!ready || !focusLost()) return;
    if (!navigated.current && folderId === firstFolder.current) return;
    (theList() ?? heading.current)?.focus({ preventScroll: true });
  }, [ready, folderId, heading]);

  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    const onFocus = (event: FocusEvent) => {
      if (event.target === main) theList()?.focus();
    };
    main.addEventListener("focus", onFocus);
    return () => main.removeEventListener("focus", onFocus);
  }, []);
}
