"use client";

import { Check, Copy } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

/** A one-time link shown once, read-only and selectable, with a Copy button. */
export function CopyLink({ url, label = "One-time set-password link" }: { url: string; label?: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      // No clipboard permission (or not a secure context): select the text for a manual copy.
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="set-password-link"
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
        />
        <Button variant="secondary" onClick={() => void copy()} aria-label={copied ? "Copied" : "Copy link"}>
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          <span className="hidden sm:inline">{copied ? "Copied" : "Copy"}</span>
        </Button>
      </div>
      <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400" role="status">
        {copied ? "Copied to the clipboard." : "Valid for 7 days, once. It is shown only now: there is no mail server."}
      </p>
    </div>
  );
}
