// The public page's content: one shared file (details, preview, download) or a shared folder's
// read-only listing. Server components; every action is a plain link, so JavaScript is optional.
import { ChevronRight, Download, Folder as FolderIcon, FolderDown } from "lucide-react";
import { formatBytes } from "@/lib/bytes";
import { inlineAllowed } from "@/lib/storage/content";
import { FileIcon } from "@/components/files/file-icon";
import { buttonClasses, focusRing } from "@/components/ui/button";
import { fromNow } from "./format";
import { DownloadLink, DownloadsLeft, DownloadsProvider } from "./live-downloads";
import { GoneNotice } from "./public-states";

export interface PublicFile {
  id: string;
  name: string;
  size: number;
  type: string;
}

export interface LinkFacts {
  base: string;
  expiresAt: Date;
  now: Date;
  downloadsLeft: number | null;
}

function Facts({ facts }: { facts: LinkFacts }) {
  return (
    <p className="flex flex-wrap gap-x-1.5 text-sm text-zinc-600 dark:text-zinc-400">
      <span>
        Link expires{" "}
        <time dateTime={facts.expiresAt.toISOString()} title={facts.expiresAt.toUTCString()}>
          {fromNow(facts.expiresAt, facts.now)}
        </time>
      </span>
      <DownloadsLeft initial={facts.downloadsLeft} />
    </p>
  );
}

function Preview({
  file,
  base,
  text,
  limited,
}: {
  file: PublicFile;
  base: string;
  text: { text: string; truncated: boolean } | null;
  /** The link has a download limit: a preview hands out the file, so it counts (the gate's rule). */
  limited: boolean;
}) {
  if (!inlineAllowed(file.type)) return null;
  const src = `${base}/preview?file=${encodeURIComponent(file.id)}`;
  if (limited) {
    // Never embedded: merely opening the page must not use up a download.
    return (
      <a href={src} target="_blank" rel="noreferrer" className={`${buttonClasses("secondary")} self-start`}>
        Open preview (counts as a download)
      </a>
    );
  }
  const major = file.type.split("/")[0];
  const frame = "overflow-hidden rounded-xl border border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-950";
  if (major === "image") {
    return (
      <div className={`${frame} flex justify-center`}>
        {/* eslint-disable-next-line @next/next/no-img-element -- a short-lived signed URL, not an optimisable asset */}
        <img src={src} alt={`Preview of ${file.name}`} className="max-h-[60dvh] w-auto object-contain" />
      </div>
    );
  }
  if (major === "video")
    return (
      <video
        controls
        preload="metadata"
        src={src}
        className={`${frame} max-h-[60dvh] w-full`}
        aria-label={`Preview of ${file.name}`}
      />
    );
  if (major === "audio")
    return <audio controls preload="metadata" src={src} className="w-full" aria-label={`Preview of ${file.name}`} />;
  if (text) {
    return (
      <figure className={frame}>
        <pre
          className="max-h-[60dvh] overflow-auto p-4 font-mono text-xs whitespace-pre-wrap text-zinc-800 dark:text-zinc-200"
          tabIndex={0}
          aria-label={`Preview of ${file.name}`}
        >
          {text.text}
        </pre>
        {text.truncated && (
          <figcaption className="border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            Showing the beginning of the file. Download it to see all of it.
          </figcaption>
        )}
      </figure>
    );
  }
  // PDF: the browser's own viewer, in a new tab (the app does not allow framing).
  return (
    <a href={src} target="_blank" rel="noreferrer" className={`${buttonClasses("secondary")} self-start`}>
      Open preview
    </a>
  );
}

export function SharedFile({
  file,
  facts,
  text,
}: {
  file: PublicFile;
  facts: LinkFacts;
  text: { text: string; truncated: boolean } | null;
}) {
  return (
    <DownloadsProvider initialLeft={facts.downloadsLeft} usedUp={<GoneNotice reason="exhausted" />}>
      <article className="flex flex-col gap-5 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex items-start gap-4">
          <span className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-zinc-100 dark:bg-zinc-800">
            <FileIcon type={file.type} name={file.name} className="size-6" />
          </span>
          <div className="min-w-0 flex-1">
            <h1 className="text-lg font-semibold break-words">{file.name}</h1>
            <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
              {formatBytes(file.size)} · {file.type}
            </p>
            <Facts facts={facts} />
          </div>
        </div>
        <Preview file={file} base={facts.base} text={text} limited={facts.downloadsLeft !== null} />
        <DownloadLink
          href={`${facts.base}/download`}
          className={buttonClasses("primary", "w-full py-2.5 sm:w-auto sm:self-start")}
        >
          <Download className="size-4" aria-hidden />
          Download ({formatBytes(file.size)})
        </DownloadLink>
      </article>
    </DownloadsProvider>
  );
}

export interface FolderListing {
  folderId: string;
  path: { id: string; name: string }[];
  folders: { id: string; name: string }[];
  files: PublicFile[];
  truncated: boolean;
}

const rowLink = `flex min-w-0 flex-1 items-center gap-3 rounded-md px-2 py-2 hover:bg-zinc-50 dark:hover:bg-zinc-800/60 ${focusRing}`;

export function SharedFolder({ listing, facts }: { listing: FolderListing; facts: LinkFacts }) {
  const folderUrl = (id: string, isRoot: boolean) =>
    isRoot ? facts.base : `${facts.base}?folder=${encodeURIComponent(id)}`;
  const current = listing.path[listing.path.length - 1];
  const empty = listing.folders.length === 0 && listing.files.length === 0;
  return (
    <DownloadsProvider initialLeft={facts.downloadsLeft} usedUp={<GoneNotice reason="exhausted" />}>
      <article className="rounded-2xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex flex-col gap-3 border-b border-zinc-200 p-5 sm:flex-row sm:items-end sm:p-6 dark:border-zinc-800">
          <div className="min-w-0 flex-1">
            <nav aria-label="Folder path" className="mb-1 text-sm">
              <ol className="flex flex-wrap items-center gap-1 text-zinc-600 dark:text-zinc-400">
                {listing.path.slice(0, -1).map((p, i) => (
                  <li key={p.id} className="flex items-center gap-1">
                    <a href={folderUrl(p.id, i === 0)} className={`rounded hover:underline ${focusRing}`}>
                      {p.name}
                    </a>
                    <ChevronRight className="size-3.5" aria-hidden />
                  </li>
                ))}
              </ol>
            </nav>
            <h1 className="text-lg font-semibold break-words">{current.name}</h1>
            <Facts facts={facts} />
          </div>
          {/* Counted like a single download: with JavaScript, a refusal is a message, not a saved file. */}
          <DownloadLink
            href={`${facts.base}/zip?folder=${encodeURIComponent(listing.folderId)}`}
            className={buttonClasses("primary")}
          >
            <FolderDown className="size-4" aria-hidden />
            Download all
          </DownloadLink>
        </div>
        {empty ? (
          <p className="p-8 text-center text-sm text-zinc-600 dark:text-zinc-400">This folder is empty.</p>
        ) : (
          <ul
            className="divide-y divide-zinc-100 p-2 sm:p-3 dark:divide-zinc-800"
            aria-label={`Contents of ${current.name}`}
          >
            {listing.folders.map((f) => (
              <li key={f.id} className="flex items-center">
                <a href={folderUrl(f.id, false)} className={rowLink}>
                  <FolderIcon className="size-5 shrink-0 text-indigo-600 dark:text-indigo-400" aria-hidden />
                  <span className="truncate font-medium">{f.name}</span>
                </a>
              </li>
            ))}
            {listing.files.map((f) => (
              <li key={f.id} className="flex items-center gap-2">
                <DownloadLink href={`${facts.base}/download?file=${encodeURIComponent(f.id)}`} className={rowLink}>
                  <FileIcon type={f.type} name={f.name} />
                  <span className="min-w-0 flex-1 truncate">
                    <span className="sr-only">Download </span>
                    {f.name}
                  </span>
                  <span className="shrink-0 text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
                    {formatBytes(f.size)}
                  </span>
                  <Download className="size-4 shrink-0 text-zinc-500" aria-hidden />
                </DownloadLink>
              </li>
            ))}
          </ul>
        )}
        {listing.truncated && (
          <p className="border-t border-zinc-200 px-6 py-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            Showing the first 500 items. “Download all” includes everything.
          </p>
        )}
      </article>
    </DownloadsProvider>
  );
}
