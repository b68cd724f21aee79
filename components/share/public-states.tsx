// The public page's closed states: a password prompt, and the friendly pages for links that are
// gone (410) or unknown (404). Plain HTML forms: they work with JavaScript off.
import type { ReactNode } from "react";
import { Clock, Link2Off, Lock, Ban, Trash2, CircleSlash } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

function Card({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <section
      className="mx-auto max-w-md rounded-2xl border border-zinc-200 bg-white p-6 text-center shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900"
      aria-labelledby="state-title"
    >
      <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
        {icon}
      </div>
      <h1 id="state-title" className="text-lg font-semibold">
        {title}
      </h1>
      <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
    </section>
  );
}

const GONE = {
  expired: {
    icon: <Clock className="size-6" aria-hidden />,
    title: "This link has expired",
    text: "Links to shared files only work for a limited time. Ask the person who sent it for a new one.",
  },
  revoked: {
    icon: <Ban className="size-6" aria-hidden />,
    title: "This link was turned off",
    text: "The person who shared it has revoked it. Ask them for a new link if you still need it.",
  },
  exhausted: {
    icon: <CircleSlash className="size-6" aria-hidden />,
    title: "This link has been used up",
    text: "It allowed a limited number of downloads, and they have all been used. Ask the person who sent it for a new one.",
  },
  unavailable: {
    icon: <Trash2 className="size-6" aria-hidden />,
    title: "This item is no longer available",
    text: "The shared file or folder was moved to the trash or deleted.",
  },
} as const;

export type GoneReason = keyof typeof GONE;

export function GoneNotice({ reason }: { reason: GoneReason }) {
  const page = GONE[reason] ?? GONE.unavailable;
  return (
    <Card icon={page.icon} title={page.title}>
      <p>{page.text}</p>
    </Card>
  );
}

export function UnknownLink() {
  return (
    <Card icon={<Link2Off className="size-6" aria-hidden />} title="This link does not exist">
      <p>Check that you copied the whole link. If it came from someone, ask them to send it again.</p>
    </Card>
  );
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export function PasswordPrompt({ action, error, retryAfter }: { action: string; error?: string; retryAfter?: number }) {
  const message =
    error === "rate_limited"
      ? `Too many wrong passwords. Try again in ${minutes(retryAfter ?? 900)} minute${minutes(retryAfter ?? 900) === 1 ? "" : "s"}.`
      : error === "forbidden"
        ? "That password is not right. Try again."
        : null;
  return (
    <Card icon={<Lock className="size-6" aria-hidden />} title="This link is protected">
      <p>Enter the password you were given to see what was shared.</p>
      <form method="post" action={action} className="mt-5 space-y-3 text-left">
        <label htmlFor="share-password" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
          Password
        </label>
        <input
          id="share-password"
          name="password"
          type="password"
          required
          autoFocus
          autoComplete="off"
          maxLength={200}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? "share-password-error" : undefined}
          className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
        />
        {message && (
          <p id="share-password-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
            {message}
          </p>
        )}
        <button type="submit" className={buttonClasses("primary", "w-full")}>
          Continue
        </button>
      </form>
    </Card>
  );
}
