"use client";

import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import {
  addGrant,
  changeGrant,
  listGrants,
  removeGrant,
  type GrantJson,
  type GrantRoleName,
} from "@/lib/client/grants";
import { PeoplePicker } from "./people-picker";

const selectClass =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 focus:outline-2 focus:outline-indigo-500";

const fail = (title: string) => (e: unknown) =>
  toast.error(title, { description: e instanceof Error ? e.message : undefined });

/**
 * Who has access to a file or folder and as what: the owner adds users or groups (Viewer or
 * Editor), changes a role or removes access. Changes apply to the person's next request.
 */
export function PeopleDialog({
  target,
  onClose,
}: {
  target: { type: "file" | "folder"; id: string; name: string };
  onClose(): void;
}) {
  const [grants, setGrants] = useState<GrantJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<GrantRoleName>("VIEWER");

  const { type, id } = target;
  const reload = useCallback(
    () =>
      listGrants({ type, id }).then(setGrants, (e: unknown) =>
        setError(e instanceof Error ? e.message : "Could not load who has access."),
      ),
    [type, id],
  );
  useEffect(() => void reload(), [reload]);

  const who = (g: GrantJson) =>
    g.group
      ? `${g.group.name} (group)`
      : g.user
        ? g.user.name
          ? `${g.user.name} (${g.user.email})`
          : g.user.email
        : "—";

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Share “${target.name}” with people`}
      description="People with an account here. Viewers browse, preview and download; Editors can also upload, rename, move and trash."
      className="max-w-lg"
    >
      <div className="space-y-5">
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <PeoplePicker
              onPick={(pick) =>
                void addGrant(target, pick.kind === "user" ? { userId: pick.id } : { groupId: pick.id }, role)
                  .then(() => {
                    toast.success(`Shared with ${pick.label}`);
                    return reload();
                  })
                  .catch(fail("Could not share"))
              }
            />
          </div>
          <label className="text-sm">
            <span className="sr-only">Role for new people</span>
            <select value={role} onChange={(e) => setRole(e.target.value as GrantRoleName)} className={selectClass}>
              <option value="VIEWER">Viewer</option>
              <option value="EDITOR">Editor</option>
            </select>
          </label>
        </div>
        <section aria-label="People with access">
          <h3 className="mb-2 text-sm font-medium">People with access</h3>
          {error ? (
            <p className="text-sm text-red-600 dark:text-red-400">{error}</p>
          ) : grants === null ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
          ) : grants.length === 0 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Only you. Add people above.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {grants.map((g) => (
                <li key={g.id} className="flex items-center gap-2 py-2 text-sm">
                  <span className="min-w-0 flex-1 truncate">{who(g)}</span>
                  <label>
                    <span className="sr-only">Role of {who(g)}</span>
                    <select
                      value={g.role}
                      className={selectClass}
                      onChange={(e) =>
                        void changeGrant(g.id, e.target.value as GrantRoleName)
                          .then(reload)
                          .catch(fail("Could not change the role"))
                      }
                    >
                      <option value="VIEWER">Viewer</option>
                      <option value="EDITOR">Editor</option>
                    </select>
                  </label>
                  <Button
                    type="button"
                    variant="ghost"
                    aria-label={`Remove access of ${who(g)}`}
                    onClick={() =>
                      void removeGrant(g.id)
                        .then(() => {
                          toast.success(`Access removed: ${who(g)}`);
                          return reload();
                        })
                        .catch(fail("Could not remove access"))
                    }
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <div className="flex justify-end">
          <Button type="button" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
