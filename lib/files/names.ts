// A name already used in a folder gets " (1)", " (2)"… before its extension, like a desktop OS.
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf(".");
  // ".bashrc" has no extension; "archive.tar.gz" keeps ".gz" (like Finder and Explorer).
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
}

/** `name` or the first free "name (n).ext" among the folder's live files (pending ones included). */
export async function freeName(tx: Tx, ownerId: string, folderId: string | null, name: string): Promise<string> {
  const [stem, extension] = splitExtension(name);
  const taken = new Set(
    (
      await tx.file.findMany({
        // A range on the name (not LIKE) so the (ownerId, folderId, name) index serves it.
        where: { ownerId, folderId, deletedAt: null, name: { gte: stem, lt: `${stem}\uffff` } },
        select: { name: true },
      })
    ).map((f) => f.name),
  );
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const suffix = ` (${n})`;
    // Names stay within 255 characters: a long stem gives up its end, never the extension.
    const candidate = `${stem.slice(0, 255 - suffix.length - extension.length)}${suffix}${extension}`;
    if (!taken.has(candidate)) return candidate;
  }
}
