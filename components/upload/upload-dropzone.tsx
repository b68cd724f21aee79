"use client";

import { CloudUpload } from "lucide-react";
import { createContext, useCallback, type ReactNode } from "react";
import { useDropzone, type DropEvent } from "react-dropzone";
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

/**
 * Makes its whole area a drop target for files (children render inside it). Clicks and keys
 * are left alone: the picker opens from an UploadButton inside it. While files are dragged
 * over, a full-area overlay says where they go.
 */
export function UploadDropzone({ children, folderId = null, className = "", disabled = false, overlayLabel = "Drop files to upload", onFiles }: UploadDropzoneProps) {
  const { enqueue } = useUploadActions();
  const onDrop = useCallback(
    (files: File[], _rejected: unknown, event?: DropEvent) => {
      // After the picker: clear the input, so picking the same file again fires "change" again.
      const target = event && "target" in event ? event.target : null;
      if (target instanceof HTMLInputElement) target.value = "";
      if (files.length > 0) {
        if (onFiles) onFiles(files);
        else enqueue(files, folderId);
      }
    },
    [enqueue, folderId, onFiles],
  );
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop,
    noClick: true,
    noKeyboard: true,
    multiple: true,
    disabled,
    // The classic <input type="file"> picker: works everywhere (and with Playwright's setInputFiles).
    useFsAccessApi: false,
  });

  return (
    <DropzoneOpenContext.Provider value={disabled ? null : open}>
      <div {...getRootProps({ className: `relative ${className}` })} data-testid="dropzone" data-drag-active={isDragActive || undefined}>
        <input {...getInputProps()} data-testid="upload-input" aria-label="Choose files to upload" />
        {children}
        {isDragActive && (
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
