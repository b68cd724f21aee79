"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import { UploadProvider } from "./upload-provider";

// Only shown once there are uploads: its code loads after the page's.
const UploadPanel = dynamic(() => import("./upload-panel").then((m) => m.UploadPanel));

/** Uploads belong to the signed-in app, not to one page: they go on while you navigate. */
export function UploadRoot({ children }: { children: ReactNode }) {
  return (
    <UploadProvider>
      {children}
      <UploadPanel />
    </UploadProvider>
  );
}
