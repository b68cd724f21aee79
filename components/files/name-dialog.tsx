"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";

/** Asks for a name (New folder). `onSubmit` answers true when done, false to keep the dialog open. */
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
  onSubmit: (name: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
          if (!name) return;
          setBusy(true);
          const done = await onSubmit(name);
          setBusy(false);
          if (done) onClose();
        }}
      >
        <Field label={label} name="name" required maxLength={255} autoFocus autoComplete="off" />
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
