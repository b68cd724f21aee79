"use client";

import type { ReactNode } from "react";
import { UploadPanel } from "./upload-panel";
import { UploadProvider } from "./upload-provider";

/** Uploads belong to the signed-in app, not to one page: they go on while you navigate. */
export function UploadRoot({ children }: { children: ReactNode }) {
  return (
    <UploadProvider>
      {children}
      <UploadPanel />
    </UploadProvider>
  );
}
