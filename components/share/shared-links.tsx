"use client";

import { useCallback, useEffect, useState } from "react";
import { FileIcon, Folder, Link2 } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/auth/form-alert";
import { listShares, revokeShare, type ApiShare } from "@/lib/client/shares";
import { CopyLink } from "./copy-link";
import { fromNow } from "./format";
import { Dialog } from "@/components/ui/dialog";
import { ShareDialog } from "./share-dialog";
import { SharedLinkRow } from "./shared-link-row";

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: ApiShare[] };

const targetOf = (share: ApiShare) =>
  share.file
    ? { type: "file" as const, ...share.file }
    : { type: "folder" as const, id: share.folder?.id ?? "", name: share.folder?.name ?? "" };

/** The folder page showing the link's file or folder; none while it is in the trash. */
const placeOf = (share: ApiShare) => {
  if (share.status === "unavailable") return undefined;
  if (share.folder) return `/files/${share.folder.id}`;
  return share.file?.folderId ? `/files/${share.file.folderId}` : "/files";
};

/** Every link the user made, with status, downloads, last access and expiry; edit and revoke. */
export function SharedLinks() {
  const [state, setState] = useState<State>({ status: "loading" });
  const [editing, setEditing] = useState<ApiShare | null>(null);
  const [revoking, setRevoking] = useState<ApiShare | null>(null);
  const [copying, setCopying] = useState<ApiShare | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setState({ status: "ready", items: (await listShares()).items });
    } catch (e) {
      setState({ status: "error", message: e instanceof Error ? e.message : "Could not load your links." });
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only after its await (react/react#34905)
    void load();
  }, [load]);

  async function confirmRevoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await revokeShare(revoking.id);
      toast.success("Link revoked");
      setRevoking(null);
      await load();
    } catch (e) {
      toast.error(e instanceof Error ? e.message : "Could not revoke the link.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {state.status === "loading" && (
        <ul
          aria-busy="true"
          aria-label="Loading shared links"
          className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {[0, 1, 2].map((i) => (
            <li key={i} className="flex items-center gap-3 p-4">
              <div className="size-8 animate-pulse rounded-md bg-zinc-200 dark:bg-zinc-800" />
              <div className="h-4 flex-1 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            </li>
          ))}
        </ul>
      )}
      {state.status === "error" && (
        <div className="space-y-3">
          <FormAlert>{state.message}</FormAlert>
          <Button
            variant="secondary"
            onClick={() => {
              setState({ status: "loading" });
              void load();
            }}
          >
            Try again
          </Button>
        </div>
      )}
      {state.status === "ready" && state.items.length === 0 && (
        <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-zinc-300 px-6 py-14 text-center dark:border-zinc-700">
          <Link2 className="size-8 text-zinc-400" aria-hidden />
          <p className="font-medium">No shared links yet</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Share a file or folder from My files to get a link for people without an account.
          </p>
        </div>
      )}
      {state.status === "ready" && state.items.length > 0 && (
        <ul
          className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/40"
          aria-label="Shared links"
        >
          {state.items.map((share) => (
            <SharedLinkRow
              key={share.id}
              share={share}
              icon={
                share.file ? <FileIcon className="size-5" aria-hidden /> : <Folder className="size-5" aria-hidden />
              }
              name={targetOf(share).name}
              href={placeOf(share)}
              onCopy={() => setCopying(share)}
              onEdit={() => setEditing(share)}
              onRevoke={() => setRevoking(share)}
            />
          ))}
        </ul>
      )}

      {editing && (
        <ShareDialog
          target={targetOf(editing)}
          share={editing}
          open
          onOpenChange={(open) => !open && setEditing(null)}
          onSaved={() => void load()}
        />
      )}
      <Dialog
        open={copying !== null}
        onClose={() => setCopying(null)}
        title="Copy link"
        description={
          copying ? `Link to “${targetOf(copying).name}”, expires ${fromNow(new Date(copying.expiresAt))}.` : undefined
        }
      >
        {copying && <CopyLink url={copying.url} />}
      </Dialog>
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke this link?"
        description={
          revoking
            ? `People who open the link to “${targetOf(revoking).name}” will be told it was turned off. This cannot be undone.`
            : undefined
        }
        footer={
          <>
            <Button variant="ghost" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button variant="danger" loading={busy} onClick={confirmRevoke}>
              Revoke link
            </Button>
          </>
        }
      />
    </>
  );
}
