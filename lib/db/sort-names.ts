// Every write of a file's or folder's name writes its sort key too (`sortName`, lib/files/sort-key.ts),
// whichever service makes it (uploads, renames, moves, copies, WebDAV, restores, tests' fixtures):
// one place, so the key cannot go stale. A Prisma query extension sees the data of each create,
// update and upsert on File and Folder (inside interactive transactions too).
import { Prisma } from "../generated/prisma/client";
import { nameSortKey } from "../files/sort-key";

type Data = Record<string, unknown>;

/** The name a write sets, if it sets one (`name: "x"` or `name: { set: "x" }`). */
function nameIn(data: Data): string | undefined {
  const name = data.name;
  if (typeof name === "string") return name;
  if (name && typeof name === "object" && typeof (name as { set?: unknown }).set === "string") {
    return (name as { set: string }).set;
  }
  return undefined;
}

function withSortName(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withSortName);
  if (!data || typeof data !== "object") return data;
  const name = nameIn(data as Data);
  return name === undefined ? data : { ...(data as Data), sortName: nameSortKey(name) };
}

// Prisma types each operation's arguments apart; all of them carry `data` (upsert: `create` and `update`).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Hook = (params: { args: any; query: (args: any) => Promise<unknown> }) => Promise<unknown>;

const withData: Hook = ({ args, query }) => query({ ...args, data: withSortName(args.data) });
const upsert: Hook = ({ args, query }) =>
  query({ ...args, create: withSortName(args.create), update: withSortName(args.update) });

// Only the writes: reads pass straight through, as without the extension.
const writes = {
  create: withData,
  createMany: withData,
  createManyAndReturn: withData,
  update: withData,
  updateMany: withData,
  updateManyAndReturn: withData,
  upsert,
};

export const sortNames = Prisma.defineExtension({ name: "sortNames", query: { file: writes, folder: writes } });
