"use client";

import { useEffect } from "react";
import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";

/** A page that failed to render: say so, offer to try again, and a way back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusPage
      eyebrow="Error"
      title="Something went wrong"
      actions={
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
      }
    >
      This page could not be shown. Your files are safe; try again in a moment.
      {error.digest && <span className="mt-2 block text-xs text-zinc-500 dark:text-zinc-400">Reference: {error.digest}</span>}
    </StatusPage>
  );
}
