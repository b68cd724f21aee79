import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";

// File request links are private like share links: never indexed, no Referer carrying the token.
export const metadata: Metadata = {
  title: "Send files",
  robots: { index: false, follow: false, nocache: true, googleBot: { index: false, follow: false } },
  referrer: "no-referrer",
};

export default function FileRequestLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex h-14 max-w-2xl items-center px-4 sm:px-6">
          <Logo />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-2xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-10">
        {children}
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-zinc-600 dark:text-zinc-400">
        Files you send go to the person who shared this link. You cannot see what others sent.
      </footer>
    </div>
  );
}
