import type { Metadata } from "next";
import { SharedLinks } from "@/components/share/shared-links";
import { FileRequests } from "@/components/requests/file-requests";

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
      <section aria-labelledby="file-requests-heading" className="space-y-3 pt-4">
        <div>
          <h2 id="file-requests-heading" className="text-lg font-semibold">
            File requests
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Upload-only links to your folders. New arrivals are marked until you open the folder.
          </p>
        </div>
        <FileRequests />
      </section>
    </div>
  );
}
