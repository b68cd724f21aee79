"use client";

import { ErrorStatusPage } from "@/components/shell/status-page";
import "./globals.css";

/** When even the root layout fails: the same branded page, with its own <html> and <body>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <ErrorStatusPage error={error} reset={reset} message="Stowage could not load this page." />
      </body>
    </html>
  );
}
