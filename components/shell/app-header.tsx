import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { focusRing } from "@/components/ui/button";
import type { PublicUser } from "@/lib/auth/users";
import { FileRequestsBadge } from "@/components/requests/file-requests";
import { UserMenu } from "./user-menu";

export function AppHeader({ user }: { user: PublicUser }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:gap-4 sm:px-6">
        <Link href="/files" className={`rounded-md ${focusRing}`} aria-label="Stowage home">
          <Logo wordOnWideScreens />
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm whitespace-nowrap">
          <Link
            href="/files"
            className={`rounded-md px-2 py-1.5 font-medium sm:px-2.5 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`}
          >
            My files
          </Link>
          <Link
            href="/shared"
            className={`rounded-md px-2 py-1.5 font-medium sm:px-2.5 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`}
          >
            <span className="hidden sm:inline">Shared links</span>
            <span className="sm:hidden">Links</span>
            <FileRequestsBadge />
          </Link>
          <Link
            href="/shared-with-me"
            className={`rounded-md px-2 py-1.5 font-medium sm:px-2.5 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`}
          >
            <span className="hidden sm:inline">Shared with me</span>
            <span className="sm:hidden">With me</span>
          </Link>
        </nav>
        <div className="ml-auto">
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
