"use client";

import { useState, type ReactNode } from "react";
import { ConfirmDialog as SharedConfirmDialog } from "@/components/ui/confirm-dialog";

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  run: () => Promise<unknown>;
}

/**
 * Asks before a destructive change (the shared ConfirmDialog); the change runs when confirmed,
 * and its error stays in the dialog so the admin can retry or cancel.
 */
export function ConfirmDialog({ request, onDone }: { request: ConfirmRequest | null; onDone: () => void }) {
  const [pending, setPending] = useState(false);
  // The error belongs to the request that failed: a new request starts without one.
  const [failure, setFailure] = useState<{ request: ConfirmRequest; message: string } | null>(null);
  const error = failure?.request === request ? failure.message : null;
  async function confirm() {
    if (!request) return;
    setPending(true);
    setFailure(null);
    try {
      await request.run();
      onDone();
    } catch (e) {
      setFailure({ request, message: e instanceof Error ? e.message : "That did not work. Try again." });
    } finally {
      setPending(false);
    }
  }
  return (
    <SharedConfirmDialog
      open={request !== null}
      title={request?.title ?? ""}
      confirmLabel={request?.confirmLabel ?? ""}
      pending={pending}
      onConfirm={() => void confirm()}
      onCancel={onDone}
    >
      {request?.message}
      {error && (
        <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </SharedConfirmDialog>
  );
}
