"use client";

import { CloudUpload } from "lucide-react";
import dynamic from "next/dynamic";
import { createContext, useCallback, useRef, useState, type ReactNode } from "react";
import type { DropEvent } from "react-dropzone";
import type { DragHandlers } from "./dropzone-binder";
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

const DropzoneBinder = dynamic(() => import("./dropzone-binder"), { ssr: false });

/**
 * Makes its whole area a drop target for files and folders (children render inside it), with
 * react-dropzone: it walks dropped folders and gives each file its place in the drop as `path`
 * ("/album/2024/a.jpg"). Clicks and keys are left alone: the picker opens from an UploadButton
 * inside it. While files are dragged over, a full-area overlay says where they go.
 */
export function UploadDropzone({
  children,
  folderId = null,
  className = "",
  disabled = false,
  overlayLabel = "Drop files to upload",
  onFiles,
}: UploadDropzoneProps) {
  const { enqueue } = useUploadActions();
  const areaRef = useRef<HTMLDivElement>(null);
  const handlersRef = useRef<DragHandlers>({});
  const openPickerRef = useRef<(() => void) | null>(null);
  const [dragActive, setDragActive] = useState(false);
  const onDrop = useCallback(
    (dropped: File[], _rejected: unknown, event?: DropEvent) => {
      // After the picker: clear the input, so picking the same file again fires "change" again.
      const target = event && "target" in event ? event.target : null;
      if (target instanceof HTMLInputElement) target.value = "";
      const files = dropped.filter((file) => !IGNORED.has(file.name));
      if (files.length === 0) return;
      if (onFiles) onFiles(files);
      else enqueue(files, folderId);
    },
    [enqueue, folderId, onFiles],
  );
  const open = useCallback(() => openPickerRef.current?.(), []);

  return (
    <DropzoneOpenContext.Provider value={disabled ? null : open}>
      <div
        ref={areaRef}
        className={`relative ${className}`}
        data-testid="dropzone"
        data-drag-active={dragActive || undefined}
        onDragEnter={(event) => handlersRef.current.onDragEnter?.(event)}
        onDragOver={(event) => handlersRef.current.onDragOver?.(event)}
        onDragLeave={(event) => handlersRef.current.onDragLeave?.(event)}
        onDrop={(event) => handlersRef.current.onDrop?.(event)}
      >
        {!disabled && (
          <DropzoneBinder
            areaRef={areaRef}
            handlersRef={handlersRef}
            openPickerRef={openPickerRef}
            onDragActive={setDragActive}
            onDrop={onDrop}
          />
        )}
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
