"use client";

import { Toaster as Sonner } from "sonner";

/**
 * Where toasts appear (sonner): bottom left, where no control sits (the header's usage meter,
 * sort and Empty trash are top right; the upload panel is bottom right), following the system's
 * light or dark scheme, each with a close button. Call `toast(...)` from "sonner" anywhere.
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-left"
      offset={{ bottom: 16, left: 16 }}
      mobileOffset={{ bottom: 16 }}
      theme="system"
      closeButton
      visibleToasts={5}
    />
  );
}
