"use client";
// The public page's downloads, once JavaScript runs: a click asks the link for a signed URL
// (`?as=json`), starts the download from it and shows what the link has left; the last one turns
// the page into its used-up state, and a refused one says why in words (never a saved error file).
// Without JavaScript the links stay plain `<a download>` links to the counted door.
import { createContext, useContext, useState, type MouseEvent, type ReactNode } from "react";
import { requestJson, type ApiError } from "@/lib/client/http";

interface Downloads {
  left: number | null;
  download: (href: string) => Promise<void>;
}

const DownloadsContext = createContext<Downloads | null>(null);

const REFUSALS: Record<string, string> = {
  exhausted: "This link has been used up: it allowed a limited number of downloads, and they have all been used.",
  expired: "This link has expired. Ask the person who sent it for a new one.",
  revoked: "This link was turned off by the person who shared it.",
  unavailable: "The shared item is no longer available.",
};

function refusal(error: ApiError): string {
  const reason = typeof error.details.reason === "string" ? error.details.reason : "";
  if (error.code === "gone") return REFUSALS[reason] ?? REFUSALS.unavailable;
  return error.message || "The download could not start. Reload the page and try again.";
}

/** Starts a browser download of a signed attachment URL without leaving the page. */
function startDownload(url: string) {
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.rel = "noreferrer";
  anchor.download = "";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * Holds the link's downloads left for the count and the buttons under it; shows `usedUp` (the
 * used-up notice) in place of its children once a download here took the last one.
 */
export function DownloadsProvider({
  initialLeft,
  usedUp,
  children,
}: {
  initialLeft: number | null;
  usedUp: ReactNode;
  children: ReactNode;
}) {
  const [left, setLeft] = useState(initialLeft);
  const [message, setMessage] = useState<{ text: string; tone: "info" | "error" } | null>(null);
  const [finished, setFinished] = useState(false);

  const download = async (href: string) => {
    setMessage(null);
    try {
      const url = `${href}${href.includes("?") ? "&" : "?"}as=json`;
      const answer = await requestJson<{ url: string; downloadsLeft: number | null }>((i, init) => fetch(i, init), url);
      startDownload(answer.url);
      setLeft(answer.downloadsLeft);
      if (answer.downloadsLeft === 0) setFinished(true);
      else setMessage({ text: "Your download has started.", tone: "info" });
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "gone" && apiError.details.reason === "exhausted") setLeft(0);
      setMessage({ text: refusal(apiError), tone: "error" });
    }
  };

  if (finished) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="text-center text-sm text-zinc-700 dark:text-zinc-300">
          Your download has started. It was the last one this link allowed.
        </p>
        {usedUp}
      </div>
    );
  }
  return (
    <DownloadsContext.Provider value={{ left, download }}>
      {children}
      <p
        role={message?.tone === "error" ? "alert" : "status"}
        className={`text-sm empty:hidden ${message?.tone === "error" ? "mt-3 text-red-700 dark:text-red-400" : "mt-3 text-zinc-600 dark:text-zinc-400"}`}
        data-testid="share-download-message"
      >
        {message?.text}
      </p>
    </DownloadsContext.Provider>
  );
}

/** "N downloads left" as it stands now (nothing when the link has no limit). */
export function DownloadsLeft({ initial }: { initial: number | null }) {
  const left = useContext(DownloadsContext)?.left ?? initial;
  if (left === null) return null;
  return (
    <span data-testid="share-downloads-left">
      <span aria-hidden>· </span>
      {left} download{left === 1 ? "" : "s"} left
    </span>
  );
}

/** A counted download link: with JavaScript, started by the page (see above); without, a plain link. */
export function DownloadLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  const downloads = useContext(DownloadsContext);
  const [busy, setBusy] = useState(false);
  const onClick = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (!downloads || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    await downloads.download(href);
    setBusy(false);
  };
  return (
    <a href={href} className={className} download onClick={onClick} aria-busy={busy || undefined}>
      {children}
    </a>
  );
}
