"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { ChevronDown, KeyRound, LogOut, ShieldCheck } from "lucide-react";
import { focusRing } from "@/components/ui/button";
import type { PublicUser } from "@/lib/auth/users";

function initials(user: PublicUser): string {
  const source = user.name?.trim() || user.email;
  return source
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

const itemClass = `flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 ${focusRing}`;

export function UserMenu({ user }: { user: PublicUser }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="Account menu"
        onClick={() => setOpen((o) => !o)}
        className={`flex items-center gap-2 rounded-full py-1 pr-2 pl-1 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
      >
        <span className="flex size-8 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {initials(user)}
        </span>
        <span className="hidden max-w-40 truncate text-sm sm:block">{user.name || user.email}</span>
        <ChevronDown className="size-4 text-zinc-500" aria-hidden />
      </button>
      {open && (
        <div role="menu" className="absolute right-0 mt-2 w-64 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium">{user.name || user.email}</p>
            <p className="truncate text-xs text-zinc-500" data-testid="user-email">{user.email}</p>
            {user.role === "ADMIN" && (
              <p className="mt-1 inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" data-testid="role-badge">
                <ShieldCheck className="size-3" aria-hidden /> Administrator
              </p>
            )}
          </div>
          <div className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />
          {user.role === "ADMIN" && <Link role="menuitem" href="/admin" className={itemClass} onClick={() => setOpen(false)}><ShieldCheck className="size-4" aria-hidden /> Admin console</Link>}
          <Link role="menuitem" href="/settings/tokens" className={itemClass} onClick={() => setOpen(false)}>
            <KeyRound className="size-4" aria-hidden /> API tokens
          </Link>
          <button role="menuitem" type="button" className={itemClass} onClick={() => signOut({ callbackUrl: "/signin" })}>
            <LogOut className="size-4" aria-hidden /> Sign out
          </button>
        </div>
      )}
    </div>
  );
}
