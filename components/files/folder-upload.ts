// A dropped folder keeps its structure: its folders are found or created below the current
// one (POST /api/folders/ensure), then each file is queued into its own folder.
import { ensureFolder } from "@/lib/client/api";

/** The folders a dropped file sits in, from its drop path ("/album/2024/a.jpg" -> ["album", "2024"]). */
export function folderSegments(file: File): string[] {
  const path = (file as File & { path?: string }).path || file.webkitRelativePath || "";
  const parts = path
    .replace(/^\.?\//, "")
    .split("/")
    .filter(Boolean);
  return parts.slice(0, -1);
}

/**
 * Queues `files` into `folderId`, recreating the folders they were dropped in. Folders are
 * created parent first, one request per distinct folder.
 */
export async function uploadTree(
  files: File[],
  folderId: string | null,
  enqueue: (files: File[], folderId: string | null) => void,
  ensure: (parentId: string | null, path: string[]) => Promise<{ id: string }> = ensureFolder,
): Promise<void> {
  const groups = new Map<string, { segments: string[]; files: File[] }>();
  for (const file of files) {
    const segments = folderSegments(file);
    const key = segments.join("/");
    const group = groups.get(key) ?? { segments, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => a.segments.length - b.segments.length);
  for (const group of ordered) {
    const target = group.segments.length === 0 ? folderId : (await ensure(folderId, group.segments)).id;
    enqueue(group.files, target);
  }
}
