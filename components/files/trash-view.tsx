"use client";

import { ArrowLeft, RotateCcw, Trash2, X } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { BrowserEmpty, BrowserError, BrowserSkeleton } from "./browser-states";
import { trashMenu } from "./entry-menu";
import { FileBrowser } from "./file-browser";
import { barButton, SelectionBar } from "./files-toolbar";
import { useTrashListing, useUsage, type Entry } from "./queries";
import { useFileActions } from "./use-file-actions";
import { useSelection } from "./use-selection";
import { UsageMeter } from "./usage-meter";

const ConfirmDialog = dynamic(() => import("@/components/ui/confirm-dialog").then((m) => m.ConfirmDialog));
const NO_ENTRIES: Entry[] = [];
const describe = (entries: Entry[]) =>
  entries.length === 1 ? `“${entries[0].name}”` : `${entries.length.toLocaleString()} items`;

/** The trash: restore or delete for good, one by one, a selection, or all at once. */
export function TrashView() {
  const listing = useTrashListing();
  const entries = listing.data ?? NO_ENTRIES;
  const actions = useFileActions();
  const [confirm, setConfirm] = useState<{ entries: Entry[]; all: boolean } | null>(null);
  const selection = useSelection(entries);
  const usage = useUsage();

  const restore = (targets: Entry[]) => {
    selection.clear();
    void actions.restore(targets);
  };
  const askDelete = (targets: Entry[]) => setConfirm({ entries: targets, all: false });

  return (
    <div className="flex flex-col gap-4 pb-28 sm:pb-6">
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <Link
            href="/files"
            className="inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-indigo-700 hover:underline dark:text-zinc-400 dark:hover:text-indigo-300"
          >
            <ArrowLeft className="size-3.5" aria-hidden /> My files
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Trash</h1>
        </div>
        {!usage.isError && (
          <UsageMeter usage={usage.data ?? null} className="order-last w-full sm:order-none sm:w-60" />
        )}
        <Button variant="danger" disabled={entries.length === 0} onClick={() => setConfirm({ entries, all: true })}>
          <Trash2 className="size-4" aria-hidden /> Empty trash
        </Button>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Items in the trash still count toward your storage. They are deleted for good after 30 days.
      </p>

      {selection.selected.length > 0 && (
        <SelectionBar count={selection.selected.length} onClear={selection.clear}>
          <button type="button" className={barButton} onClick={() => restore(selection.selected)}>
            <RotateCcw className="size-4" aria-hidden /> Restore
          </button>
          <button type="button" className={barButton} onClick={() => askDelete(selection.selected)}>
            <X className="size-4" aria-hidden /> Delete forever
          </button>
        </SelectionBar>
      )}

      {listing.isPending ? (
        <BrowserSkeleton />
      ) : listing.isError ? (
        <BrowserError message={listing.error.message} onRetry={() => void listing.refetch()} />
      ) : entries.length === 0 ? (
        <BrowserEmpty
          icon={Trash2}
          title="The trash is empty"
          hint="Files you delete stay here for 30 days."
          testId="trash-empty"
        >
          <Link href="/files" className={buttonClasses("secondary")}>
            Back to My files
          </Link>
        </BrowserEmpty>
      ) : (
        <FileBrowser
          entries={entries}
          view="list"
          label="Trash"
          selection={selection}
          showLocation
          dateField="deletedAt"
          hasMore={listing.hasNextPage}
          loadMore={() => !listing.isFetchingNextPage && void listing.fetchNextPage()}
          renamingKey={null}
          onRenameDone={() => undefined}
          onOpen={() => undefined}
          onRename={() => undefined}
          onDelete={askDelete}
          menuItems={(targets) => trashMenu(targets, { restore, deleteForever: askDelete })}
        />
      )}

      {confirm && (
        <ConfirmDialog
          open
          title={confirm.all ? "Empty the trash?" : `Delete ${describe(confirm.entries)} forever?`}
          confirmLabel={confirm.all ? "Empty trash" : "Delete forever"}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            selection.clear();
            void (confirm.all ? actions.emptyTrash(confirm.entries) : actions.deleteForever(confirm.entries));
          }}
        >
          {confirm.all
            ? "Everything in the trash is deleted for good and its space is freed. This cannot be undone."
            : "It is deleted for good and its space is freed. This cannot be undone."}
        </ConfirmDialog>
      )}
    </div>
  );
}
