"use client";

import { useEffect, useState } from "react";
import { Lock } from "lucide-react";
import { listShares, type ApiShare } from "@/lib/client/shares";
import { isAbortError } from "@/lib/client/http";
import { CopyLink } from "./copy-link";
import { fromNow } from "./format";

/** The target's links that still work, each with its copy button (the owner can copy a link again). */
export function ExistingLinks({ target }: { target: { type: "file" | "folder"; id: string } }) {
  const [links, setLinks] = useState<ApiShare[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    listShares({ signal: controller.signal })
      .then(({ items }) =>
        setLinks(
          items.filter((s) => s.status === "active" && (target.type === "file" ? s.file : s.folder)?.id === target.id),
        ),
      )
      .catch((error) => {
        // Only a convenience: the dialog still creates links without this list.
        if (!isAbortError(error)) setLinks([]);
      });
    return () => controller.abort();
  }, [target.type, target.id]);

  if (links.length === 0) return null;
  return (
    <section
      aria-labelledby="existing-links-title"
      className="mb-5 space-y-2 border-b border-zinc-200 pb-5 dark:border-zinc-800"
    >
      <h3 id="existing-links-title" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        Links that work now
      </h3>
      <ul className="space-y-3">
        {links.map((link) => (
          <li key={link.id} className="space-y-1">
            <CopyLink url={link.url} label={`Link expiring ${fromNow(new Date(link.expiresAt))}`} />
            <p className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
              Expires {fromNow(new Date(link.expiresAt))} · {link.downloadCount} download
              {link.downloadCount === 1 ? "" : "s"}
              {link.maxDownloads !== null && ` of ${link.maxDownloads}`}
              {link.hasPassword && <Lock className="size-3" aria-label="Password protected" />}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
