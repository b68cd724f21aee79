import { CopyLink as CopyField } from "@/components/share/copy-link";

/** A one-time link shown once: the shared copy field, titled, with how long the link works. */
export function CopyLink({ url, label = "One-time set-password link" }: { url: string; label?: string }) {
  return (
    <div>
      <p className="mb-1.5 text-sm font-medium text-zinc-700 dark:text-zinc-300" aria-hidden>
        {label}
      </p>
      <CopyField url={url} label={label} />
      <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        Valid for 7 days, once. It is shown only now: there is no mail server.
      </p>
    </div>
  );
}
