"use client";

import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";

export interface MenuItem {
  label: string;
  icon?: ReactNode;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
}

export interface MenuProps {
  /** Where the menu opens (viewport coordinates); it is kept inside the viewport. */
  at: { x: number; y: number };
  items: MenuItem[];
  label: string;
  onClose: () => void;
}

/**
 * A popup menu (role="menu") at a point: the first item gets focus, arrows/Home/End move
 * between items, Enter or a click picks one, Esc, Tab or a click elsewhere closes it and
 * focus goes back to where it was.
 */
export function Menu({ at, items, label, onClose }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState(at);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const menu = ref.current!;
    const { width, height } = menu.getBoundingClientRect();
    setPosition({
      x: Math.max(8, Math.min(at.x, window.innerWidth - width - 8)),
      y: Math.max(8, Math.min(at.y, window.innerHeight - height - 8)),
    });
    const opener = document.activeElement as HTMLElement | null;
    menu.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    return () => opener?.focus({ preventScroll: true });
  }, [at]);

  useEffect(() => {
    const close = (event: Event) => {
      if (!ref.current?.contains(event.target as Node)) onCloseRef.current();
    };
    const closeNow = () => onCloseRef.current();
    document.addEventListener("pointerdown", close, true);
    window.addEventListener("resize", closeNow);
    window.addEventListener("scroll", closeNow, true);
    return () => {
      document.removeEventListener("pointerdown", close, true);
      window.removeEventListener("resize", closeNow);
      window.removeEventListener("scroll", closeNow, true);
    };
  }, []);

  function onKeyDown(event: React.KeyboardEvent) {
    const buttons = Array.from(ref.current!.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])'));
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
    event.stopPropagation();
    if (event.key === "ArrowDown") go(index + 1);
    else if (event.key === "ArrowUp") go(index - 1);
    else if (event.key === "Home") go(0);
    else if (event.key === "End") go(buttons.length - 1);
    else if (event.key === "Escape" || event.key === "Tab") onClose();
    else return;
    event.preventDefault();
  }

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
      style={{ left: position.x, top: position.y }}
      className="fixed z-50 min-w-48 rounded-lg border border-zinc-200 bg-white p-1 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
          className={`flex w-full items-center gap-2.5 rounded-md px-3 py-2 text-left text-sm outline-none focus-visible:bg-zinc-100 disabled:opacity-50 hover:bg-zinc-100 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800 ${
            item.danger ? "text-red-700 dark:text-red-400" : "text-zinc-800 dark:text-zinc-200"
          }`}
        >
          {item.icon}
          {item.label}
        </button>
      ))}
    </div>
  );
}
