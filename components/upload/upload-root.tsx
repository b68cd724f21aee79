"use client";

import type { ReactNode } from "react";
import { PANEL_INSET_VAR, UploadPanel } from "./upload-panel";
import { UploadProvider } from "./upload-provider";

/** Uploads belong to the signed-in app, not to one page: they go on while you navigate. */
export function UploadRoot({ children }: { children: ReactNode }) {
  return (
    <UploadProvider>
      {children}
      {/* Room at the end of the page while the panel shows, so it never hides the last rows for good. */}
      <div aria-hidden className="shrink-0" style={{ height: `var(${PANEL_INSET_VAR}, 0px)` }} />
      <UploadPanel />
    </UploadProvider>
  );
}
