import {
  Download,
  History,
  Inbox,
  Eye,
  FolderInput,
  FolderOpen,
  FolderSearch,
  Pencil,
  RotateCcw,
  Share2,
  Trash2,
  Users,
  X,
} from "lucide-react";
import type { MenuItem } from "@/components/ui/menu";
import type { Entry } from "./queries";

const icon = (Icon: typeof Eye) => <Icon className="size-4 shrink-0 opacity-80" aria-hidden />;

export interface EntryCommands {
  open: (entry: Entry) => void;
  download: (entries: Entry[]) => void;
  rename: (entry: Entry) => void;
  move: (entries: Entry[]) => void;
  trash: (entries: Entry[]) => void;
  /** Absent until sharing is available. */
  share?: (entry: Entry) => void;
  /** An upload-only link to a folder (lib/requests). */
  request?: (entry: Entry) => void;
  /** A file's earlier versions (lib/versions). */
  versions?: (entry: Entry) => void;
  /** Share with people who have an account (absent for items the caller does not own). */
  sharePeople?: (entry: Entry) => void;
  /** Search results: go to the folder holding the entry. */
  showInFolder?: (entry: Entry) => void;
}

/** The row menu and right-click menu of the files view, for one entry or a selection. */
export function filesMenu(entries: Entry[], commands: EntryCommands): MenuItem[] {
  const [first] = entries;
  if (entries.length > 1) {
    return [
      { label: "Download as zip", icon: icon(Download), onSelect: () => commands.download(entries) },
      { label: "Move…", icon: icon(FolderInput), onSelect: () => commands.move(entries) },
      { label: "Move to trash", icon: icon(Trash2), danger: true, onSelect: () => commands.trash(entries) },
    ];
  }
  // A file whose stored bytes are missing (reconciliation marked it) cannot be downloaded; it can
  // still be opened (the preview says why it is unavailable), renamed, moved and trashed.
  const unavailable = first.kind === "file" && Boolean(first.file.missingAt);
  const items: (MenuItem | false | undefined)[] = [
    first.kind === "folder"
      ? { label: "Open", icon: icon(FolderOpen), onSelect: () => commands.open(first) }
      : { label: "Preview", icon: icon(Eye), onSelect: () => commands.open(first) },
    commands.showInFolder && {
      label: "Show in folder",
      icon: icon(FolderSearch),
      onSelect: () => commands.showInFolder!(first),
    },
    {
      label: first.kind === "folder" ? "Download as zip" : unavailable ? "Download (unavailable)" : "Download",
      icon: icon(Download),
      disabled: unavailable,
      onSelect: () => commands.download(entries),
    },
    commands.share && { label: "Share…", icon: icon(Share2), onSelect: () => commands.share!(first) },
    commands.sharePeople && {
      label: "Share with people…",
      icon: icon(Users),
      onSelect: () => commands.sharePeople!(first),
    },
    first.kind === "folder" &&
      commands.request && { label: "Request files…", icon: icon(Inbox), onSelect: () => commands.request!(first) },
    first.kind === "file" &&
      commands.versions && { label: "Versions…", icon: icon(History), onSelect: () => commands.versions!(first) },
    { label: "Rename", icon: icon(Pencil), onSelect: () => commands.rename(first) },
    { label: "Move…", icon: icon(FolderInput), onSelect: () => commands.move(entries) },
    { label: "Move to trash", icon: icon(Trash2), danger: true, onSelect: () => commands.trash(entries) },
  ];
  return items.filter((item): item is MenuItem => Boolean(item));
}

/** The trash's menu: restore, or delete for good (after a confirmation). */
export function trashMenu(
  entries: Entry[],
  commands: { restore: (entries: Entry[]) => void; deleteForever: (entries: Entry[]) => void },
): MenuItem[] {
  return [
    { label: "Restore", icon: icon(RotateCcw), onSelect: () => commands.restore(entries) },
    { label: "Delete forever", icon: icon(X), danger: true, onSelect: () => commands.deleteForever(entries) },
  ];
}
