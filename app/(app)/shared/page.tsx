import type { Metadata } from "next";
import { SharedLinks } from "@/components/share/shared-links";

export const metadata: Metadata = { title: "Shared links" };

export default function SharedPage() {
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Shared links</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Links you made for people without an account. Revoking one turns it off at once.
        </p>
      </div>
      <SharedLinks />
    </div>
  );
}
