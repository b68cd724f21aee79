"use client";

// A user's files in the admin drill-down (largest, most recent), each with a button that has the
// server make its thumbnail and preview again (POST /api/admin/files/{id}/media).
import { ImageUp } from "lucide-react";
import { toast } from "sonner";
import { focusRing } from "@/components/ui/button";
import { formatBytes } from "@/lib/bytes";
import { formatDateTime } from "@/lib/client/format";
import type { AdminFile } from "@/lib/schemas/admin";
import { cardClass } from "./states";
import { useReprocessMedia } from "./use-admin";

/** Queues a file's thumbnail and preview again, and says what the server will do with it. */
function RemakeThumbnail({ file }: { file: AdminFile }) {
  const reprocess = useReprocessMedia();
  async function remake() {
    try {
      const { file: queued } = await reprocess.mutateAsync(file.id);
      if (queued.media === "queued") toast.success(`The thumbnail and preview of ${file.name} are being made again.`);
      else toast.info(`${file.name} is not a photo, video or PDF: it has no thumbnail to make.`);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The thumbnail could not be queued.");
    }
  }
  return (
    <button
      type="button"
      onClick={remake}
      disabled={reprocess.isPending}
      aria-label={`Make the thumbnail of ${file.name} again`}
      title="Make the thumbnail and preview again"
      className={`rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-50 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${focusRing}`}
    >
      <ImageUp className="size-4" aria-hidden />
    </button>
  );
}

export function FileList({ title, files }: { title: string; files: AdminFile[] }) {
  return (
    <section className={cardClass} aria-labelledby={`${title}-heading`}>
      <h2 id={`${title}-heading`} className="text-sm font-semibold">
        {title}
      </h2>
      {files.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No files.</p>
      ) : (
        <table className="mt-2 w-full table-fixed text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Uploaded</th>
              <th scope="col">Thumbnail</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {files.map((f) => (
              <tr key={f.id}>
                <td className="truncate py-2 pr-2" title={`${f.name} (${f.type})`}>
                  {f.name}
                  {f.deletedAt && (
                    <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                      in trash
                    </span>
                  )}
                </td>
                <td className="w-20 py-2 text-right text-zinc-700 tabular-nums dark:text-zinc-300">
                  {formatBytes(f.size)}
                </td>
                <td className="hidden w-44 py-2 pl-3 text-right whitespace-nowrap text-zinc-600 sm:table-cell dark:text-zinc-400">
                  <time dateTime={f.createdAt}>{formatDateTime(new Date(f.createdAt))}</time>
                </td>
                <td className="w-10 py-1 pl-2 text-right">{!f.deletedAt && <RemakeThumbnail file={f} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
