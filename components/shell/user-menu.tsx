"use client";

import Link from "next/link";
import { signOut } from "@/lib/client/sign-out";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ChevronDown, KeyRound, LogOut, ShieldCheck, UserRound } from "lucide-react";
import { focusRing } from "@/components/ui/button";
import type { PublicUser } from "@/lib/auth/users";
import { useHydrated } from "@/lib/client/use-hydrated";

function initials(user: PublicUser): string {
  const source = user.name?.trim() || user.email;
  return source
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** The menu's items, in order. */
function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
}

/** Focuses the menu's item at `index`, wrapping (-1 is the last). */
function focusMenuItem(menu: HTMLElement | null, index: number) {
  const list = menuItems(menu);
  list[(index + list.length) % list.length]?.focus();
}

const itemClass = `flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800 ${focusRing}`;

/**
 * The account menu, as the WAI-ARIA menu button pattern: Enter, Space or ArrowDown open it on
 * the first item (ArrowUp on the last); ArrowUp/ArrowDown move (wrapping), Home/End jump, Esc
 * closes it and gives the focus back to the button, Tab closes it and moves on.
 */
export function UserMenu({ user }: { user: PublicUser }) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated(); // a click before hydration would open nothing
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  /** Which item to focus once the menu has rendered: first or last. */
  const focusOnOpen = useRef<"first" | "last">("first");
  const buttonId = useId();
  const menuId = useId();
  const displayName = user.name || user.email;

  const focusItem = (index: number) => focusMenuItem(menu.current, index);

  useEffect(() => {
    if (!open) return;
    focusMenuItem(menu.current, focusOnOpen.current === "first" ? 0 : -1);
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", closeOnOutsideClick);
    return () => document.removeEventListener("mousedown", closeOnOutsideClick);
  }, [open]);

  function openMenu(at: "first" | "last") {
    focusOnOpen.current = at;
    if (open) focusItem(at === "first" ? 0 : -1);
    else setOpen(true);
  }

  function closeMenu() {
    setOpen(false);
    button.current?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openMenu(event.key === "ArrowDown" ? "first" : "last");
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = menuItems(menu.current);
    const current = list.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusItem(current + 1),
      ArrowUp: () => focusItem(current - 1),
      Home: () => focusItem(0),
      End: () => focusItem(-1),
      Escape: closeMenu,
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={!hydrated}
        onClick={() => (open ? setOpen(false) : openMenu("first"))}
        onKeyDown={onButtonKeyDown}
        className={`flex items-center gap-2 rounded-full py-1 pr-2 pl-1 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
      >
        <span
          className="flex size-8 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
          aria-hidden
        >
          {initials(user)}
        </span>
        {/* The accessible name starts with the visible text (WCAG 2.5.3, label in name). */}
        <span className="sr-only max-w-40 truncate text-sm sm:not-sr-only sm:block">{displayName}</span>
        <span className="sr-only">, account menu</span>
        <ChevronDown className="size-4 text-zinc-500 dark:text-zinc-400" aria-hidden />
      </button>
      {open && (
        <div className="absolute right-0 z-40 mt-2 w-64 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium">{displayName}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="user-email">
              {user.email}
            </p>
            {user.role === "ADMIN" && (
              <p
                className="mt-1 inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
                data-testid="role-badge"
              >
                <ShieldCheck className="size-3" aria-hidden /> Administrator
              </p>
            )}
          </div>
          <div className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />
          <div ref={menu} id={menuId} role="menu" aria-labelledby={buttonId} onKeyDown={onMenuKeyDown}>
            {user.role === "ADMIN" && (
              <Link role="menuitem" tabIndex={-1} href="/admin" className={itemClass} onClick={() => setOpen(false)}>
                <ShieldCheck className="size-4" aria-hidden /> Admin console
              </Link>
            )}
            <Link
              role="menuitem"
              tabIndex={-1}
              href="/settings/account"
              className={itemClass}
              onClick={() => setOpen(false)}
            >
              <UserRound className="size-4" aria-hidden /> Your account
            </Link>
            <Link
              role="menuitem"
              tabIndex={-1}
              href="/settings/tokens"
              className={itemClass}
              onClick={() => setOpen(false)}
            >
              <KeyRound className="size-4" aria-hidden /> API tokens
            </Link>
            <button
              role="menuitem"
              tabIndex={-1}
              type="button"
              className={itemClass}
              onClick={() => signOut({ callbackUrl: "/signin" })}
            >
              <LogOut className="size-4" aria-hidden /> Sign out
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
