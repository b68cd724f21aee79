"use client";

import { Users, User } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { focusRing } from "@/components/ui/button";
import { findPeople, type PeopleJson } from "@/lib/client/grants";
import { isAbortError } from "@/lib/client/http";

export type Pick = { kind: "user"; id: string; label: string } | { kind: "group"; id: string; label: string };

/**
 * A search box over accounts (and groups, unless `usersOnly`) with the matches as buttons below it:
 * type, Tab to a match, Enter picks it. One search per pause in typing.
 */
export function PeoplePicker({
  onPick,
  usersOnly = false,
  label = "Add people or groups",
}: {
  onPick(pick: Pick): void;
  usersOnly?: boolean;
  label?: string;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [found, setFound] = useState<PeopleJson | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (!q) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      findPeople(q, abort.signal).then(
        (answer) => {
          setFound(answer);
          setError(null);
        },
        (e: unknown) => !isAbortError(e) && setError(e instanceof Error ? e.message : "Search failed."),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text]);

  const picks: Pick[] = text.trim()
    ? [
        ...(found?.users ?? []).map((u) => ({
          kind: "user" as const,
          id: u.id,
          label: u.name ? `${u.name} (${u.email})` : u.email,
        })),
        ...(usersOnly
          ? []
          : (found?.groups ?? []).map((g) => ({
              kind: "group" as const,
              id: g.id,
              label: `${g.name} · group of ${g.memberCount}`,
            }))),
      ]
    : [];

  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Name, email or group"
        autoComplete="off"
        className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {error && <p className="mt-1.5 text-sm text-red-600 dark:text-red-400">{error}</p>}
      {text.trim() && found && picks.length === 0 && (
        <p className="mt-1.5 text-sm text-zinc-500 dark:text-zinc-400">Nobody matches “{text.trim()}”.</p>
      )}
      {picks.length > 0 && (
        <ul
          aria-label="Matches"
          className="mt-2 max-h-48 overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
        >
          {picks.map((p) => (
            <li key={`${p.kind}:${p.id}`}>
              <button
                type="button"
                onClick={() => {
                  onPick(p);
                  setText("");
                  setFound(null);
                }}
                className={`flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
              >
                {p.kind === "group" ? (
                  <Users className="size-4" aria-hidden />
                ) : (
                  <User className="size-4" aria-hidden />
                )}
                <span className="truncate">{p.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
