import type { Metadata } from "next";
import { SharedWithMe } from "@/components/share/shared-with-me";

export const metadata: Metadata = { title: "Shared with me" };

export default function SharedWithMePage() {
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Shared with me</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Files and folders other people shared with you or your groups. Pin the ones you use often: they stay at the
          top here and under My files.
        </p>
      </div>
      <SharedWithMe />
    </div>
  );
}
