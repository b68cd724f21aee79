"use client";

import { useId, useState } from "react";
import { EXPIRY_PRESETS, type ApiShare } from "@/lib/schemas/shares";
import type { ShareSettings } from "@/lib/client/shares";

export interface SettingsState {
  /** "keep" (editing only), a preset's seconds, or "date". */
  expiry: string;
  date: string;
  passwordOn: boolean;
  password: string;
  limitOn: boolean;
  limit: string;
}

export function initialSettings(share?: ApiShare): SettingsState {
  return {
    expiry: share ? "keep" : String(7 * 86_400),
    date: "",
    passwordOn: share?.hasPassword ?? false,
    password: "",
    limitOn: share ? share.maxDownloads !== null : false,
    limit: String(share?.maxDownloads ?? 10),
  };
}

/** The request body for the form's state, or a sentence saying what to fix. */
export function settingsBody(state: SettingsState, share?: ApiShare): ShareSettings | string {
  const body: ShareSettings = {};
  if (state.expiry === "date") {
    if (!state.date) return "Choose the date the link expires.";
    // The end of the chosen day, in the owner's time zone.
    body.expiresAt = new Date(`${state.date}T23:59:59`).toISOString();
  } else if (state.expiry !== "keep") body.expiresIn = Number(state.expiry);

  if (state.passwordOn && state.password) body.password = state.password;
  else if (state.passwordOn && !share?.hasPassword) return "Enter a password, or turn the password off.";
  else if (!state.passwordOn && share?.hasPassword) body.password = null;

  if (state.limitOn) {
    const limit = Number(state.limit);
    if (!Number.isInteger(limit) || limit < 1) return "The download limit must be a whole number of at least 1.";
    body.maxDownloads = limit;
  } else if (share && share.maxDownloads !== null) body.maxDownloads = null;
  return body;
}

const inputClasses =
  "block rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-950";
const checkboxClasses = "size-4 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-600";
const localDay = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

export function ShareSettingsFields({
  state,
  onChange,
  share,
}: {
  state: SettingsState;
  onChange(next: SettingsState): void;
  share?: ApiShare;
}) {
  const id = useId();
  const set = (patch: Partial<SettingsState>) => onChange({ ...state, ...patch });
  const options = [
    ...(share
      ? [
          {
            value: "keep",
            label: `Keep (${new Date(share.expiresAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })})`,
          },
        ]
      : []),
    ...EXPIRY_PRESETS.map((p) => ({ value: String(p.seconds), label: p.label })),
    { value: "date", label: "A date" },
  ];
  // The fields exist only while the dialog is open: "tomorrow" as of its opening.
  const [tomorrow] = useState(() => localDay(new Date(Date.now() + 86_400_000)));

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">
          {share ? "Expires" : "Link expires after"}
        </legend>
        <div className="flex flex-wrap gap-2">
          {options.map((option) => (
            <label
              key={option.value}
              className="cursor-pointer rounded-lg border border-zinc-300 px-3 py-1.5 text-sm has-checked:border-indigo-600 has-checked:bg-indigo-50 has-checked:text-indigo-800 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-500 dark:border-zinc-700 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-950 dark:has-checked:text-indigo-200"
            >
              <input
                type="radio"
                name={`${id}-expiry`}
                value={option.value}
                checked={state.expiry === option.value}
                onChange={() => set({ expiry: option.value })}
                className="sr-only"
              />
              {option.label}
            </label>
          ))}
        </div>
        {state.expiry === "date" && (
          <div className="mt-3">
            <label htmlFor={`${id}-date`} className="mb-1.5 block text-sm text-zinc-700 dark:text-zinc-300">
              Expiry date (end of that day)
            </label>
            <input
              id={`${id}-date`}
              type="date"
              min={tomorrow}
              value={state.date}
              onChange={(e) => set({ date: e.target.value })}
              className={`${inputClasses} w-full`}
              required
            />
          </div>
        )}
      </fieldset>

      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">
          <input
            type="checkbox"
            className={checkboxClasses}
            checked={state.passwordOn}
            onChange={(e) => set({ passwordOn: e.target.checked })}
          />
          Require a password
        </label>
        {state.passwordOn && (
          <div className="mt-2">
            <label htmlFor={`${id}-password`} className="sr-only">
              Link password
            </label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="new-password"
              maxLength={200}
              value={state.password}
              onChange={(e) => set({ password: e.target.value })}
              placeholder={share?.hasPassword ? "New password (empty keeps the current one)" : "Password"}
              className={`${inputClasses} w-full`}
            />
          </div>
        )}
      </div>

      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">
          <input
            type="checkbox"
            className={checkboxClasses}
            checked={state.limitOn}
            onChange={(e) => set({ limitOn: e.target.checked })}
          />
          Limit downloads
        </label>
        {state.limitOn && (
          <div className="mt-2 flex items-center gap-2">
            <label htmlFor={`${id}-limit`} className="sr-only">
              Maximum downloads
            </label>
            <input
              id={`${id}-limit`}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={state.limit}
              onChange={(e) => set({ limit: e.target.value })}
              className={`${inputClasses} w-28`}
            />
            <span className="text-sm text-zinc-600 dark:text-zinc-400">
              downloads{share ? ` (${share.downloadCount} so far)` : ""}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
