import type { ReactNode } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";

export interface StatusPageProps {
  /** "404", "Error": shown small above the title. */
  eyebrow: string;
  title: string;
  children: ReactNode;
  /** Buttons beside the way home (e.g. "Try again"). */
  actions?: ReactNode;
}

/**
 * The branded page for "not found" and "something broke": what happened, and a way back. Plain
 * links, not next/link: these pages' scripts load with every page, and a full load is the
 * right way out of an error anyway.
 */
export function StatusPage({ eyebrow, title, children, actions }: StatusPageProps) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex min-h-dvh flex-col items-center justify-center px-4 py-12 text-center outline-none"
    >
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose (see above) */}
      <a
        href="/"
        className="mb-10 rounded-md text-xl focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-500"
        aria-label="Stowage home"
      >
        <Logo />
      </a>
      <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">{eyebrow}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900 sm:text-3xl dark:text-zinc-100">
        {title}
      </h1>
      <div className="mt-3 max-w-md text-sm text-zinc-600 dark:text-zinc-300">{children}</div>
      <div className="mt-8 flex flex-wrap items-center justify-center gap-3">
        {actions}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose (see above) */}
        <a href="/files" className={buttonClasses("primary")}>
          Go to my files
        </a>
      </div>
    </main>
  );
}

/** The error variant: what failed, "Try again", and the digest to quote when reporting it. */
export function ErrorStatusPage({
  error,
  reset,
  message,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  message: string;
}) {
  return (
    <StatusPage
      eyebrow="Error"
      title="Something went wrong"
      actions={
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
      }
    >
      {message} Your files are safe; try again in a moment.
      {error.digest && (
        <span className="mt-2 block text-xs text-zinc-500 dark:text-zinc-400">Reference: {error.digest}</span>
      )}
    </StatusPage>
  );
}
