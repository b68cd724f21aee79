"use client";

// react-dropzone, bound to an UploadDropzone's area once this chunk has loaded. It is kept out of
// the first load of the files page (a 200 KB budget), and bound without wrapping the page's
// content, so nothing on the page remounts when it arrives: the area forwards its drag events
// to the handlers this component publishes, and react-dropzone's root ref points at the area.
import { useEffect, useLayoutEffect, type DragEvent, type MutableRefObject, type RefObject } from "react";
import { useDropzone, type DropEvent } from "react-dropzone";

export type DragHandlers = Partial<
  Record<"onDragEnter" | "onDragOver" | "onDragLeave" | "onDrop", (event: DragEvent<HTMLElement>) => void>
>;

export interface DropzoneBinderProps {
  areaRef: RefObject<HTMLDivElement | null>;
  handlersRef: MutableRefObject<DragHandlers>;
  openPickerRef: MutableRefObject<(() => void) | null>;
  onDragActive(active: boolean): void;
  onDrop(files: File[], rejected: unknown, event?: DropEvent): void;
}

export default function DropzoneBinder({
  areaRef,
  handlersRef,
  openPickerRef,
  onDragActive,
  onDrop,
}: DropzoneBinderProps) {
  const { getRootProps, getInputProps, isDragActive, open, rootRef } = useDropzone({
    onDrop,
    noClick: true,
    noKeyboard: true,
    multiple: true,
    // The classic <input type="file"> picker: works everywhere (and with Playwright's setInputFiles).
    useFsAccessApi: false,
  });
  const { onDragEnter, onDragOver, onDragLeave, onDrop: drop } = getRootProps();
  useLayoutEffect(() => {
    if (areaRef.current) rootRef.current = areaRef.current;
    handlersRef.current = { onDragEnter, onDragOver, onDragLeave, onDrop: drop };
    openPickerRef.current = open;
  });
  useEffect(() => {
    return () => {
      handlersRef.current = {};
      openPickerRef.current = null;
    };
  }, [handlersRef, openPickerRef]);
  useEffect(() => onDragActive(isDragActive), [isDragActive, onDragActive]);
  return <input {...getInputProps()} data-testid="upload-input" aria-label="Choose files to upload" />;
}
