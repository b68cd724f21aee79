"use client";

import { Upload } from "lucide-react";
import { useContext, useRef, type ButtonHTMLAttributes, type ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { DropzoneOpenContext } from "./upload-dropzone";
import { useUploadActions } from "./upload-provider";

export interface UploadButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  "type" | "onClick" | "children"
> {
  /** Target folder when used outside an UploadDropzone (inside one, the dropzone's folder applies). */
  folderId?: string | null;
  variant?: "primary" | "secondary" | "ghost";
  children?: ReactNode;
}

/**
 * Opens the file picker. Inside an UploadDropzone it uses the dropzone's input; elsewhere it
 * brings its own. A real <button>: focusable, Enter and Space work.
 */
export function UploadButton({
  folderId = null,
  variant = "primary",
  className = "",
  children,
  ...rest
}: UploadButtonProps) {
  const openDropzone = useContext(DropzoneOpenContext);
  const inputRef = useRef<HTMLInputElement>(null);
  const { enqueue } = useUploadActions();

  return (
    <>
      <button
        type="button"
        className={buttonClasses(variant, className)}
        onClick={() => (openDropzone ? openDropzone() : inputRef.current?.click())}
        {...rest}
      >
        <Upload className="size-4" aria-hidden />
        {children ?? "Upload"}
      </button>
      {!openDropzone && (
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = ""; // picking the same file again must fire change again
            if (files.length > 0) enqueue(files, folderId);
          }}
        />
      )}
    </>
  );
}
