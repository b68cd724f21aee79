"use client";

import { Toaster as Sonner } from "sonner";

/**
 * Where toasts appear (sonner): top right below the 3.5 rem header, following the system's
 * light or dark scheme, each with a close button. Call `toast(...)` from "sonner" anywhere.
 */
export function Toaster() {
  return (
    <Sonner
      position="top-right"
      offset={{ top: 64, right: 16 }}
      mobileOffset={{ top: 64 }}
      theme="system"
      closeButton
      visibleToasts={5}
    />
  );
}
