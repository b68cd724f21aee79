"use client";

import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";
import "./globals.css";

/** When even the root layout fails: the same branded page, with its own <html> and <body>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <StatusPage
          eyebrow="Error"
          title="Something went wrong"
          actions={
            <Button variant="secondary" onClick={reset}>
              Try again
            </Button>
          }
        >
          Stowage could not load this page. Your files are safe; try again in a moment.
          {error.digest && <span className="mt-2 block text-xs text-zinc-500 dark:text-zinc-400">Reference: {error.digest}</span>}
        </StatusPage>
      </body>
    </html>
  );
}
