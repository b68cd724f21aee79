// Every write of a file's or folder's name writes its sort key too (`sortName`, lib/files/sort-key.ts),
// whichever service makes it (uploads, renames, moves, copies, WebDAV, restores, tests' fixtures):
// one place, so the key cannot go stale. The client is wrapped so that each create, update and
// upsert on File and Folder (on the client and inside interactive transactions) gets the key added
// to its data. A plain wrapper rather than a Prisma query extension: an extended client costs
// ~0.15 ms of CPU on every write and transaction (measured; issue 17's budget), a wrapper nothing
// measurable. Nested writes (a folder created with its files) are not seen: none are made.
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

type Args = Record<string, unknown> | undefined;
const withData = (args: Args) => args && { ...args, data: withSortName(args.data) };
const upsert = (args: Args) =>
  args && { ...args, create: withSortName(args.create), update: withSortName(args.update) };

// Only the writes: reads pass straight through.
const WRITES: Record<string, (args: Args) => Args> = {
  create: withData,
  createMany: withData,
  createManyAndReturn: withData,
  update: withData,
  updateMany: withData,
  updateManyAndReturn: withData,
  upsert,
};
const NAMED_MODELS = new Set<PropertyKey>(["file", "folder"]);

/** A model delegate whose writes carry the sort key. */
function sortingDelegate(delegate: object): object {
  return new Proxy(delegate, {
    get(target, operation) {
      const value = Reflect.get(target, operation);
      const rewrite = typeof operation === "string" ? WRITES[operation] : undefined;
      if (typeof value !== "function") return value;
      return rewrite ? (args: Args) => value.call(target, rewrite(args)) : value.bind(target);
    },
  });
}

/** `client` (or an interactive transaction's client) with the sort key added to every name write. */
export function withSortNames<C extends object>(client: C): C {
  const delegates = new Map<PropertyKey, object>();
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (NAMED_MODELS.has(property)) {
        let delegate = delegates.get(property);
        if (!delegate) delegates.set(property, (delegate = sortingDelegate(value as object)));
        return delegate;
      }
      if (property === "$transaction" && typeof value === "function") {
        // The callback form hands its own client to the callback: it gets the same wrapper.
        return (work: unknown, options?: unknown) =>
          typeof work === "function"
            ? value.call(target, (tx: object) => work(withSortNames(tx)), options)
            : value.call(target, work, options);
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
