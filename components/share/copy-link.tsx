"use client";

import { useId, useState } from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Without the async clipboard (plain http on another host), the old way still works.
  const area = document.createElement("textarea");
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}

/** The link in a read-only field (select it by hand if copying fails) and a Copy button. */
export function CopyLink({ url, label = "Share link" }: { url: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const id = useId();

  async function copy() {
    try {
      await copyText(url);
      setCopied(true);
      toast.success("Link copied");
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error("Could not copy the link. Select it and copy it by hand.");
    }
  }

  return (
    <div className="flex gap-2">
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={url}
        onFocus={(event) => event.currentTarget.select()}
        className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-800 focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-200"
      />
      <Button type="button" variant="secondary" onClick={copy} aria-label={copied ? "Link copied" : "Copy link"}>
        {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
        <span>{copied ? "Copied" : "Copy"}</span>
      </Button>
    </div>
  );
}
