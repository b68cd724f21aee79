"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createGroup, adminGroups, deleteGroup, renameGroup, type GroupJson } from "@/lib/client/grants";
import { GroupMembers } from "./group-members";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NameDialog } from "@/components/files/name-dialog";

const KEY = ["admin", "groups"] as const;
const message = (e: unknown) => (e instanceof Error ? e.message : "Something went wrong.");

/** The admin console's groups: create, rename, delete, and each group's members. */
export function GroupsAdmin() {
  const groups = useQuery({ queryKey: KEY, queryFn: adminGroups });
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    try {
      await createGroup(name);
      toast.success(`Group “${name.trim()}” created`);
      setName("");
      setError(undefined);
      await refresh();
    } catch (e) {
      setError(message(e));
    }
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Groups</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Share files and folders with a whole team at once. Groups from single sign-on follow the provider and cannot
          be edited here.
        </p>
      </div>
      <form onSubmit={create} className="flex flex-wrap items-end gap-2" noValidate>
        <Field
          label="New group"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={error}
          className="w-64"
        />
        <Button type="submit">Create group</Button>
      </form>
      {groups.isPending ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : groups.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Could not load groups: {groups.error.message}
        </p>
      ) : groups.data.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No groups yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {groups.data.map((group) => (
            <GroupRow
              key={group.id}
              group={group}
              open={open === group.id}
              onToggle={() => setOpen(open === group.id ? null : group.id)}
              onChanged={refresh}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function GroupRow({
  group,
  open,
  onToggle,
  onChanged,
}: {
  group: GroupJson;
  open: boolean;
  onToggle(): void;
  onChanged(): Promise<unknown>;
}) {
  const managed = group.provider !== null;
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = () =>
    deleteGroup(group.id).then(
      () => {
        setDeleting(false);
        toast.success(`Group “${group.name}” deleted`);
        return onChanged();
      },
      (e: unknown) => toast.error("Could not delete", { description: message(e) }),
    );
  return (
    <li className="px-4 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 flex-1 font-medium">
          {group.name}
          <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">
            {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
            {managed ? " · from single sign-on" : ""}
          </span>
        </span>
        <Button type="button" variant="secondary" aria-expanded={open} onClick={onToggle}>
          {open ? "Hide members" : managed ? "Members" : "Edit members"}
        </Button>
        {!managed && (
          <>
            <Button type="button" variant="ghost" onClick={() => setRenaming(true)}>
              Rename
            </Button>
            <Button type="button" variant="ghost" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </>
        )}
      </div>
      {open && <GroupMembers groupId={group.id} managed={managed} onChanged={onChanged} />}
      {renaming && (
        <NameDialog
          open
          title={`Rename “${group.name}”`}
          label="Group name"
          action="Rename"
          onClose={() => setRenaming(false)}
          onSubmit={(name) =>
            renameGroup(group.id, name).then(
              async () => {
                await onChanged();
                return true;
              },
              (e: unknown) => message(e),
            )
          }
        />
      )}
      <ConfirmDialog
        open={deleting}
        title={`Delete “${group.name}”?`}
        confirmLabel="Delete group"
        tone="danger"
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(false)}
      >
        Everything shared with this group stops being shared with its members.
      </ConfirmDialog>
    </li>
  );
}
