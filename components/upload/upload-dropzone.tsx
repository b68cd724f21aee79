"use client";

import { CloudUpload } from "lucide-react";
import { createContext, useCallback, useRef, useState, type DragEvent, type ReactNode } from "react";
import { useUploadActions } from "./upload-provider";

/** Opens the file picker of the enclosing UploadDropzone (null outside one). */
export const DropzoneOpenContext = createContext<(() => void) | null>(null);

export interface UploadDropzoneProps {
  children?: ReactNode;
  /** Folder the dropped or picked files go to (the root when absent). */
  folderId?: string | null;
  className?: string;
  disabled?: boolean;
  /** Shown over the area while files are dragged over it. */
  overlayLabel?: string;
  /** Takes the dropped or picked files instead of queueing them into `folderId` (e.g. to recreate dropped folders). */
  onFiles?: (files: File[]) => void;
}

// Operating-system clutter inside dropped folders.
const IGNORED = new Set([".DS_Store", "Thumbs.db", "desktop.ini"]);

/** Gives a dropped file its place in the drop ("/album/2024/a.jpg") as `path`, as file pickers' webkitRelativePath does. */
function withPath(file: File, path: string): File {
  Object.defineProperty(file, "path", { value: path, configurable: true });
  return file;
}

async function walk(entry: FileSystemEntry, into: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.push(withPath(file, entry.fullPath));
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, into);
  }
}

/**
 * The files of a drop, dropped folders walked. The items are taken during the drop event
 * itself: the browser empties the DataTransfer once the handler returns.
 */
function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const taken = Array.from(transfer.items ?? [])
    .filter((item) => item.kind === "file")
    .map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const plain = taken.length === 0 ? Array.from(transfer.files ?? []) : [];
  return (async () => {
    const files: File[] = [...plain];
    for (const { entry, file } of taken) {
      if (entry?.isDirectory) await walk(entry, files);
      else if (file) files.push(file);
    }
    return files.filter((file) => !IGNORED.has(file.name));
  })();
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes("Files");

/**
 * Makes its whole area a drop target for files and folders (children render inside it). Clicks
 * and keys are left alone: the picker opens from an UploadButton inside it. While files are
 * dragged over, a full-area overlay says where they go. Native drag events, no library: this
 * sits on the files page, whose JavaScript has a size budget.
 */
export function UploadDropzone({ children, folderId = null, className = "", disabled = false, overlayLabel = "Drop files to upload", onFiles }: UploadDropzoneProps) {
  const { enqueue } = useUploadActions();
  const input = useRef<HTMLInputElement>(null);
  const depth = useRef(0); // dragenter/dragleave fire for every child crossed
  const [dragActive, setDragActive] = useState(false);

  const take = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      if (onFiles) onFiles(files);
      else enqueue(files, folderId);
    },
    [enqueue, folderId, onFiles],
  );
  const open = useCallback(() => input.current?.click(), []);

  const handlers = disabled
    ? {}
    : {
        onDragEnter: (event: DragEvent) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          depth.current += 1;
          setDragActive(true);
        },
        onDragOver: (event: DragEvent) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          try {
            event.dataTransfer.dropEffect = "copy";
          } catch {
            // some browsers refuse writes here; the drop still works
          }
        },
        onDragLeave: (event: DragEvent) => {
          if (!hasFiles(event)) return;
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setDragActive(false);
        },
        onDrop: (event: DragEvent) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          depth.current = 0;
          setDragActive(false);
          void droppedFiles(event.dataTransfer).then(take, (error: unknown) => console.warn("Could not read the dropped files", error));
        },
      };

  return (
    <DropzoneOpenContext.Provider value={disabled ? null : open}>
      <div className={`relative ${className}`} data-testid="dropzone" data-drag-active={dragActive || undefined} {...handlers}>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          data-testid="upload-input"
          aria-label="Choose files to upload"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = ""; // picking the same file again must fire "change" again
            take(files);
          }}
        />
        {children}
        {dragActive && (
          <div
            className="pointer-events-none absolute inset-0 z-20 rounded-xl border-2 border-dashed border-indigo-500 bg-indigo-50/85 backdrop-blur-[2px] dark:border-indigo-400 dark:bg-indigo-950/75"
            data-testid="drop-overlay"
          >
            <div className="sticky top-[30vh] flex flex-col items-center gap-3 px-6 py-16 text-center">
              <span className="flex size-14 items-center justify-center rounded-full bg-indigo-600 text-white shadow-lg shadow-indigo-600/30 dark:bg-indigo-500">
                <CloudUpload className="size-7" aria-hidden />
              </span>
              <p className="text-lg font-semibold text-indigo-900 dark:text-indigo-100">{overlayLabel}</p>
              <p className="text-sm text-indigo-700 dark:text-indigo-300">Release to start uploading</p>
            </div>
          </div>
        )}
      </div>
    </DropzoneOpenContext.Provider>
  );
}
