"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { PeoplePicker } from "@/components/share/people-picker";
import { addMember, adminGroup, removeMember } from "@/lib/client/grants";

const message = (e: unknown) => (e instanceof Error ? e.message : "Something went wrong.");

/** One group's members, with a picker to add people and a button to remove each (local groups only). */
export function GroupMembers({
  groupId,
  managed,
  onChanged,
}: {
  groupId: string;
  managed: boolean;
  onChanged(): Promise<unknown>;
}) {
  const key = ["admin", "group", groupId];
  const detail = useQuery({ queryKey: key, queryFn: () => adminGroup(groupId) });
  const client = useQueryClient();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: key });
    await onChanged();
  };
  return (
    <div className="mt-3 space-y-3 border-l-2 border-zinc-200 pl-4 dark:border-zinc-800">
      {!managed && (
        <PeoplePicker
          usersOnly
          label="Add a member"
          onPick={(pick) =>
            void addMember(groupId, pick.id).then(
              () => {
                toast.success(`Added ${pick.label}`);
                return refresh();
              },
              (e: unknown) => toast.error("Could not add", { description: message(e) }),
            )
          }
        />
      )}
      {detail.isPending ? (
        <p className="text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : detail.isError ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {detail.error.message}
        </p>
      ) : detail.data.members.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">No members yet.</p>
      ) : (
        <ul aria-label="Members" className="space-y-1">
          {detail.data.members.map((m) => (
            <li key={m.id} className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate">{m.name ? `${m.name} (${m.email})` : m.email}</span>
              {!managed && (
                <Button
                  type="button"
                  variant="ghost"
                  aria-label={`Remove ${m.email}`}
                  onClick={() =>
                    void removeMember(groupId, m.id).then(refresh, (e: unknown) =>
                      toast.error("Could not remove", { description: message(e) }),
                    )
                  }
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
