"use client";

import { useEffect } from "react";
import { ErrorStatusPage } from "@/components/shell/status-page";

/** A page that failed to render: say so, offer to try again, and a way back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return <ErrorStatusPage error={error} reset={reset} message="This page could not be shown." />;
}
