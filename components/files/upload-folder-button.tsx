"use client";

import { FolderUp } from "lucide-react";
import { useEffect, useRef } from "react";
import { buttonClasses } from "@/components/ui/button";

/**
 * "Upload folder": the browser's folder picker (webkitdirectory, in every current browser). Each
 * picked file carries its place in the folder (`webkitRelativePath`), so `onFiles` can recreate the
 * structure the way a dropped folder does (folder-upload.ts).
 */
export function UploadFolderButton({
  onFiles,
  className = "",
}: {
  onFiles: (files: File[]) => void;
  className?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not a React prop: set on the element.
    input.current!.webkitdirectory = true;
  }, []);
  return (
    <>
      <button type="button" className={buttonClasses("secondary", className)} onClick={() => input.current?.click()}>
        <FolderUp className="size-4" aria-hidden />
        Upload folder
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden
        data-testid="upload-folder-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = ""; // the same folder again must fire change again
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
