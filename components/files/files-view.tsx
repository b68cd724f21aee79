"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CloudUpload, Download, FolderInput, FolderX, SearchX, Trash2 } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
// Straight from the modules, not the folder's index: that one also brings the upload panel,
// which loads on its own once there are uploads.
import { UploadButton } from "@/components/upload/upload-button";
import { UploadDropzone } from "@/components/upload/upload-dropzone";
import { useUploadActions, useUploadState } from "@/components/upload/upload-provider";
import { ApiError } from "@/lib/client/http";
import { BrowserEmpty, BrowserError, BrowserSkeleton } from "./browser-states";
import { Breadcrumbs } from "./breadcrumbs";
import { download } from "./download";
import { filesMenu, type EntryCommands } from "./entry-menu";
import { FileBrowser } from "./file-browser";
import type { RenameRefusal } from "./entry-views";
import { barButton, FilesToolbar, parseSort, SelectionBar, SORTS, type SortValue } from "./files-toolbar";
import { keys, useFolder, useListing, useUsage, type Entry } from "./queries";
import { useFileActions } from "./use-file-actions";
import { isParentKey, refocusList, useListFocus } from "./use-list-focus";
import { useSelection } from "./use-selection";
import { useStoredState } from "./use-stored-state";
import { UploadFolderButton } from "./upload-folder-button";
import { UsageMeter } from "./usage-meter";
import { useReplaceOrKeep } from "./replace-dialog";
import { PinnedStrip, SharedNote } from "@/components/share/pinned-strip";

// Loaded when first opened: they are not needed to show the folder.
const PreviewDialog = dynamic(() => import("./preview-dialog").then((m) => m.PreviewDialog));
const MoveDialog = dynamic(() => import("./move-dialog").then((m) => m.MoveDialog));
const NameDialog = dynamic(() => import("./name-dialog").then((m) => m.NameDialog));
const RequestDialog = dynamic(() => import("@/components/requests/request-dialog").then((m) => m.RequestDialog));
const VersionsDialog = dynamic(() => import("./versions-dialog").then((m) => m.VersionsDialog));
const ShareDialog = dynamic(() => import("@/components/share/share-dialog").then((m) => m.ShareDialog));
const PeopleDialog = dynamic(() => import("@/components/share/people-dialog").then((m) => m.PeopleDialog));

const NO_ENTRIES: Entry[] = [];
const folderHref = (id: string | null) => (id ? `/files/${id}` : "/files");

/** `value` once it has stopped changing for `ms` (one search per pause in typing, not per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A folder of "My files" (the root when `folderId` is null): browse, search, select, act, upload. */
export function FilesView({ folderId }: { folderId: string | null }) {
  const router = useRouter();
  const [view, setView] = useStoredState<"list" | "grid">("stowage.view", "list", ["list", "grid"]);
  const [sort, setSort] = useStoredState<SortValue>("stowage.sort", "name:asc", SORTS);
  const [query, setQuery] = useState("");
  const q = useDebounced(query.trim(), 250);
  const [sortKey, order] = parseSort(sort);
  const listing = useListing({ folderId, q, sort: sortKey, order });
  const folder = useFolder(folderId);
  const usage = useUsage();
  const entries = listing.data ?? NO_ENTRIES;
  const selection = useSelection(entries);
  const actions = useFileActions();
  const { enqueue } = useUploadActions();
  const panelOpen = useUploadState((snapshot) => snapshot.items.length > 0);

  const [renamingKey, setRenamingKey] = useState<string | null>(null);
  const [renameRefusal, setRenameRefusal] = useState<RenameRefusal | null>(null);
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const [moving, setMoving] = useState<Entry[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [sharing, setSharing] = useState<Entry | null>(null);
  const [versionsOf, setVersionsOf] = useState<Entry | null>(null);
  const [requesting, setRequesting] = useState<Entry | null>(null);
  const [sharingPeople, setSharingPeople] = useState<Entry | null>(null);
  const client = useQueryClient();

  const heading = useRef<HTMLHeadingElement>(null);
  useListFocus(heading, !listing.isPending || folder.isError, folderId);
  const parentId = folderId ? folder.data?.folder.parentId : undefined;
  const toParent = parentId === undefined ? undefined : () => router.push(folderHref(parentId));

  const files = useMemo(() => entries.flatMap((e) => (e.kind === "file" ? [e.file] : [])), [entries]);
  const previewIndex = previewKey ? files.findIndex((f) => `f:${f.id}` === previewKey) : -1;

  const open = useCallback(
    (entry: Entry) => (entry.kind === "folder" ? router.push(folderHref(entry.id)) : setPreviewKey(entry.key)),
    [router],
  );
  const owned = !folderId || folder.data?.access === "owner";
  const commands: EntryCommands = {
    open,
    download,
    rename: (entry) => {
      setRenameRefusal(null);
      setRenamingKey(entry.key);
    },
    move: setMoving,
    versions: setVersionsOf,
    // Links, people and file requests are the owner's to give: a folder shared with the caller offers none.
    share: owned ? setSharing : undefined,
    sharePeople: owned ? setSharingPeople : undefined,
    request: owned ? setRequesting : undefined,
    trash: (targets) => {
      selection.clear();
      void actions.trash(targets);
    },
    showInFolder: q
      ? (entry) => router.push(folderHref(entry.kind === "file" ? entry.file.folderId : entry.folder.parentId))
      : undefined,
  };

  const { onFiles, dialog: replaceDialog } = useReplaceOrKeep(folderId, enqueue);

  const missing = folder.error instanceof ApiError && folder.error.status === 404;
  const title = q ? `Search results for “${q}”` : folderId ? (folder.data?.folder.name ?? "…") : "My files";
  const label = q
    ? `Search results for ${q}`
    : folderId
      ? `Contents of ${folder.data?.folder.name ?? "folder"}`
      : "My files";

  return (
    <UploadDropzone
      folderId={folderId}
      onFiles={onFiles}
      // Room below the list for the upload panel while it shows, so it never covers the last rows.
      className={`flex min-h-[calc(100dvh-8rem)] flex-col gap-4 ${panelOpen ? "pb-[min(70dvh,26rem)]" : "pb-28 sm:pb-6"}`}
    >
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div className="min-w-0 flex-1">
          {folderId && <Breadcrumbs path={folder.data?.path ?? []} />}
          <h1
            ref={heading}
            tabIndex={-1}
            onKeyDown={(event) => {
              if (!isParentKey(event) || !toParent) return;
              event.preventDefault();
              toParent();
            }}
            className="truncate text-2xl outline-none font-semibold tracking-tight text-zinc-900 dark:text-zinc-100"
          >
            {title}
          </h1>
        </div>
        {!usage.isError && (
          <UsageMeter usage={usage.data ?? null} className="order-last w-full sm:order-none sm:w-60" />
        )}
        <div className="flex items-center gap-2">
          <Link href="/trash" className={buttonClasses("ghost")}>
            <Trash2 className="size-4" aria-hidden /> Trash
          </Link>
          <UploadFolderButton onFiles={onFiles} className="max-sm:hidden" />
          <UploadButton />
        </div>
      </div>

      {!folderId && !q && <PinnedStrip />}
      <SharedNote access={folder.data?.access} />

      {/* The search stays while entries are selected (a search's hits are often what gets selected). */}
      <FilesToolbar
        query={query}
        onQuery={setQuery}
        sort={sort}
        onSort={setSort}
        view={view}
        onView={setView}
        onNewFolder={missing ? undefined : () => setCreating(true)}
        selectionBar={
          selection.selected.length > 0 && (
            <SelectionBar count={selection.selected.length} onClear={selection.clear}>
              <button type="button" className={barButton} onClick={() => download(selection.selected)}>
                <Download className="size-4" aria-hidden /> Download
              </button>
              <button type="button" className={barButton} onClick={() => setMoving(selection.selected)}>
                <FolderInput className="size-4" aria-hidden /> Move
              </button>
              <button type="button" className={barButton} onClick={() => commands.trash(selection.selected)}>
                <Trash2 className="size-4" aria-hidden /> Trash
              </button>
            </SelectionBar>
          )
        }
      />

      {missing ? (
        <BrowserEmpty
          icon={FolderX}
          title="This folder is not here"
          hint="It may have been moved to the trash or deleted."
          testId="folder-missing"
        >
          <Link href="/files" className={buttonClasses("secondary")}>
            Back to My files
          </Link>
        </BrowserEmpty>
      ) : listing.isPending ? (
        <BrowserSkeleton />
      ) : listing.isError ? (
        <BrowserError message={listing.error.message} onRetry={() => void listing.refetch()} />
      ) : entries.length === 0 ? (
        q ? (
          <BrowserEmpty
            icon={SearchX}
            title="Nothing found"
            hint={`No file or folder name contains “${q}”.`}
            testId="search-empty"
          />
        ) : (
          <BrowserEmpty
            icon={CloudUpload}
            title={folderId ? "This folder is empty" : "No files yet"}
            hint="Drop files or folders here, or use Upload"
            testId="files-empty"
          >
            <UploadButton variant="secondary">Choose files</UploadButton>
          </BrowserEmpty>
        )
      ) : (
        <FileBrowser
          entries={entries}
          view={view}
          label={label}
          selection={selection}
          showLocation={Boolean(q)}
          sort={{ key: sortKey, order, onSort: (key, next) => setSort(`${key}:${next}` as SortValue) }}
          hasMore={listing.hasNextPage}
          loadMore={() => !listing.isFetchingNextPage && void listing.fetchNextPage()}
          renamingKey={renamingKey}
          renameRefusal={renameRefusal}
          onRenameDone={(entry, name) => {
            setRenamingKey(null);
            setRenameRefusal(null);
            // A taken name reopens the field with what was typed and why, instead of a toast.
            if (name)
              void actions.rename(entry, name, (error) => {
                setRenameRefusal({ key: entry.key, draft: name, error });
                setRenamingKey(entry.key);
              });
          }}
          onOpen={open}
          onParent={toParent}
          onDelete={commands.trash}
          onRename={commands.rename}
          menuItems={(targets) => filesMenu(targets, commands)}
        />
      )}
      {listing.isFetchingNextPage && (
        <p role="status" className="text-center text-sm text-zinc-500">
          Loading more…
        </p>
      )}

      {previewIndex >= 0 && (
        <PreviewDialog
          files={files}
          index={previewIndex}
          onIndex={(i) => setPreviewKey(`f:${files[i].id}`)}
          onClose={() => setPreviewKey(null)}
        />
      )}
      {moving && (
        <MoveDialog
          entries={moving}
          onClose={() => {
            setMoving(null);
            refocusList();
          }}
          onMove={(target, name) => {
            selection.clear();
            void actions.move(moving, target, name);
          }}
        />
      )}
      {sharing && (
        <ShareDialog
          target={{ type: sharing.kind, id: sharing.id, name: sharing.name }}
          open
          onOpenChange={(open) => {
            if (open) return;
            setSharing(null);
            refocusList();
            void client.invalidateQueries({ queryKey: keys.listings }); // the "shared" marker
          }}
        />
      )}
      {replaceDialog}
      {requesting && <RequestDialog folder={requesting} onClose={() => setRequesting(null)} />}
      {versionsOf && <VersionsDialog file={versionsOf} onClose={() => setVersionsOf(null)} />}
      {sharingPeople && (
        <PeopleDialog
          target={{ type: sharingPeople.kind, id: sharingPeople.id, name: sharingPeople.name }}
          onClose={() => setSharingPeople(null)}
        />
      )}
      {creating && (
        <NameDialog
          open
          title="New folder"
          label="Folder name"
          action="Create"
          onClose={() => setCreating(false)}
          onSubmit={async (name) => {
            const created = await actions.createFolder(name, folderId);
            return created?.nameError ?? created !== null;
          }}
        />
      )}
    </UploadDropzone>
  );
}
