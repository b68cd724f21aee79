"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";

/**
 * Asks for a name (New folder). `onSubmit` answers true when done, false to keep the dialog open,
 * or a message to show beside the name (it was refused, e.g. taken), keeping what was typed.
 */
export function NameDialog({
  open,
  title,
  label,
  action,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  action: string;
  onSubmit: (name: string) => Promise<boolean | string>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
          if (!name) return;
          setBusy(true);
          setError(undefined);
          const done = await onSubmit(name);
          setBusy(false);
          if (typeof done === "string") setError(done);
          else if (done) onClose();
        }}
      >
        <Field
          label={label}
          name="name"
          required
          maxLength={255}
          autoFocus
          autoComplete="off"
          error={error}
          onChange={() => setError(undefined)}
        />
        <div className="mt-4 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {action}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
