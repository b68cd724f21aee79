"use client";

import { ChevronLeft, ChevronRight, Download, Maximize, Minimize, TriangleAlert } from "lucide-react";
import { useEffect, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes } from "@/lib/bytes";
import { downloadUrl, type ApiFile } from "@/lib/client/api";
import { FileIcon, fileKind } from "./file-icon";

const TEXT_PREVIEW_BYTES = 1024 * 1024;
const PDF_PREVIEW_BYTES = 100 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-sh|x-yaml|toml))/;

type PreviewKind = "image" | "pdf" | "video" | "audio" | "text" | "none";

function previewKind(file: ApiFile): PreviewKind {
  const type = file.type.toLowerCase();
  if (/^image\/(png|jpeg|gif|webp|avif|bmp)$/.test(type)) return "image";
  if (type === "application/pdf") return file.size <= PDF_PREVIEW_BYTES ? "pdf" : "none";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  if (TEXT_TYPES.test(type) || fileKind(type, file.name) === "code" || /\.(txt|md|log|csv|tsv)$/i.test(file.name))
    return "text";
  return "none";
}

/** The first MiB of a text file (a Range request), decoded as UTF-8. */
function TextPreview({ file }: { file: ApiFile }) {
  const [text, setText] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // An empty file has no byte 0 to ask for (its Range would answer 416): it previews as empty.
    if (file.size === 0) return;
    const abort = new AbortController();
    fetch(downloadUrl(file.id, { inline: true }), {
      headers: { Range: `bytes=0-${TEXT_PREVIEW_BYTES - 1}` },
      signal: abort.signal,
    })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then(setText, (error) => !abort.signal.aborted && (console.warn(error), setFailed(true)));
    return () => abort.abort();
  }, [file.id, file.size]);
  if (failed) return <NoPreview file={file} reason="The text could not be loaded." />;
  if (text === null && file.size > 0)
    return (
      <p role="status" className="py-16 text-center text-sm text-zinc-500">
        Loading…
      </p>
    );
  return (
    <>
      <pre
        className="max-h-[65dvh] overflow-auto rounded-lg bg-zinc-50 p-4 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
        tabIndex={0}
        data-testid="preview-text"
      >
        {text}
      </pre>
      {file.size === 0 && <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">This file is empty.</p>}
      {file.size > TEXT_PREVIEW_BYTES && (
        <p className="mt-2 text-xs text-zinc-500">
          Showing the first {formatBytes(TEXT_PREVIEW_BYTES)} of {formatBytes(file.size)}.
        </p>
      )}
    </>
  );
}

/**
 * A PDF in the browser's viewer. The bytes are fetched and shown from a blob: URL, because the
 * signed download URL forbids framing (and sandboxes its document, which disables the viewer).
 * The viewer's own toolbar is hidden (`#toolbar=0`): it would title the file by the blob URL's
 * random id, and the dialog already shows the name and offers the download.
 */
function PdfPreview({ file }: { file: ApiFile }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    let objectUrl: string | null = null;
    fetch(downloadUrl(file.id, { inline: true }), { signal: abort.signal })
      .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
      .then(
        (blob) => {
          objectUrl = URL.createObjectURL(new Blob([blob], { type: "application/pdf" }));
          setUrl(objectUrl);
        },
        () => !abort.signal.aborted && setFailed(true),
      );
    return () => {
      abort.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [file.id]);
  if (failed) return <NoPreview file={file} reason="The PDF could not be loaded." />;
  if (!url)
    return (
      <p role="status" className="py-16 text-center text-sm text-zinc-500">
        Loading…
      </p>
    );
  return (
    <iframe
      src={`${url}#toolbar=0`}
      title={file.name}
      className="h-[65dvh] w-full rounded-lg border border-zinc-200 bg-white dark:border-zinc-800"
      data-testid="preview-pdf"
    />
  );
}

function NoPreview({
  file,
  reason = "There is no preview for this kind of file.",
}: {
  file: ApiFile;
  reason?: string;
}) {
  return (
    <div className="flex flex-col items-center gap-3 py-12 text-center" data-testid="preview-none">
      <FileIcon type={file.type} name={file.name} className="size-14" />
      <p className="font-medium">{file.name}</p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {formatBytes(file.size)} · {reason}
      </p>
      <a href={downloadUrl(file.id)} download className={buttonClasses("primary")}>
        <Download className="size-4" aria-hidden />
        Download
      </a>
    </div>
  );
}

function ImagePreview({ file }: { file: ApiFile }) {
  const [actual, setActual] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <div
        className={`flex max-h-[60dvh] justify-center overflow-auto rounded-lg bg-zinc-100 dark:bg-zinc-950 ${actual ? "items-start" : "items-center"}`}
      >
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={downloadUrl(file.id, { inline: true })}
          alt={file.name}
          data-testid="preview-image"
          className={actual ? "max-w-none" : "max-h-[60dvh] max-w-full object-contain"}
        />
      </div>
      <Button variant="ghost" className="self-center" onClick={() => setActual((a) => !a)} aria-pressed={actual}>
        {actual ? <Minimize className="size-4" aria-hidden /> : <Maximize className="size-4" aria-hidden />}
        {actual ? "Fit to window" : "Actual size"}
      </Button>
    </div>
  );
}

/** In place of the preview of a file whose stored bytes are missing. */
function Unavailable({ file }: { file: ApiFile }) {
  return (
    <div className="flex flex-col items-center gap-3 py-12 text-center" data-testid="preview-unavailable">
      <TriangleAlert className="size-12 text-amber-600 dark:text-amber-400" aria-hidden />
      <p className="font-medium">This file is unavailable</p>
      <p id="unavailable-reason" className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        Its stored copy is missing or damaged, so it cannot be previewed or downloaded. Ask your administrator to
        restore it from a backup; it comes back here once its bytes are in place again.
      </p>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {file.name} · {formatBytes(file.size)}
      </p>
    </div>
  );
}

function PreviewBody({ file }: { file: ApiFile }) {
  if (file.missingAt) return <Unavailable file={file} />;
  const src = downloadUrl(file.id, { inline: true });
  switch (previewKind(file)) {
    case "image":
      return <ImagePreview file={file} />;
    case "pdf":
      return <PdfPreview file={file} />;
    case "video":
      return (
        <video
          src={src}
          controls
          preload="metadata"
          className="max-h-[65dvh] w-full rounded-lg bg-black"
          data-testid="preview-video"
        />
      );
    case "audio":
      return <audio src={src} controls preload="metadata" className="my-10 w-full" data-testid="preview-audio" />;
    case "text":
      return <TextPreview file={file} />;
    default:
      return <NoPreview file={file} />;
  }
}

/** A file's preview, with ←/→ (and buttons) to the previous and next file of the list; Esc closes. */
export function PreviewDialog({
  files,
  index,
  onIndex,
  onClose,
}: {
  files: ApiFile[];
  index: number | null;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const file = index !== null ? files[index] : undefined;
  useEffect(() => {
    if (index === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLElement && event.target.closest("video, audio, input")) return;
      if (event.key === "ArrowRight" && index < files.length - 1) onIndex(index + 1);
      else if (event.key === "ArrowLeft" && index > 0) onIndex(index - 1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, files.length, onIndex]);

  return (
    <Dialog
      open={file !== undefined}
      onClose={onClose}
      title={file?.name ?? ""}
      description={file ? `${formatBytes(file.size)} · ${index! + 1} of ${files.length}` : undefined}
      className="max-w-5xl"
      footer={
        file && (
          <>
            <Button variant="secondary" onClick={() => onIndex(index! - 1)} disabled={index === 0}>
              <ChevronLeft className="size-4" aria-hidden /> Previous
            </Button>
            <Button variant="secondary" onClick={() => onIndex(index! + 1)} disabled={index === files.length - 1}>
              Next <ChevronRight className="size-4" aria-hidden />
            </Button>
            {file.missingAt ? (
              <Button variant="primary" disabled aria-describedby="unavailable-reason">
                <Download className="size-4" aria-hidden /> Download
              </Button>
            ) : (
              <a href={downloadUrl(file.id)} download className={buttonClasses("primary")}>
                <Download className="size-4" aria-hidden /> Download
              </a>
            )}
          </>
        )
      }
    >
      {file && <PreviewBody key={file.id} file={file} />}
    </Dialog>
  );
}
