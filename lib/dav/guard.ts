// Before a WebDAV method changes anything: the If header must hold (412 otherwise) and every lock
// on what it changes must have its token submitted in that header (423 otherwise).
import { ownerIdOf, type Actor } from "../files/access";
import { ifHolds, parseIf, submittedTokens } from "./conditions";
import { assertUnlocked, covering, liveLocks } from "./locks";
import { etagOf, namesOf, pathKey, resolve, type Resource } from "./paths";
import { preconditionFailed } from "./status";

export interface Guarded {
  /** The lock tokens the request submitted. */
  submitted: Set<string>;
}

/**
 * Checks the If header against `r` (and the resources it tags), then the locks: `changes` are the
 * paths written (the resource itself and, for a new or removed member, its parent folder's own
 * lock); with `below`, locks anywhere under them count too (DELETE and MOVE of a folder).
 */
export async function guard(
  actor: Actor,
  request: Request,
  r: Resource,
  changes: { path: string[]; below?: boolean; member?: boolean }[],
): Promise<Guarded> {
  const ownerId = ownerIdOf(actor);
  const lists = parseIf(request.headers.get("if"));
  const locks = await liveLocks(ownerId);
  const stateOf = async (tag: string | null) => {
    const target = tag === null ? r : await resolve(actor, namesOf(tag)).catch(() => null);
    if (!target) return { tokens: new Set<string>(), etag: null };
    return {
      tokens: new Set(covering(locks, pathKey(target.path)).map((l) => l.token)),
      etag: target.kind === "missing" ? null : etagOf(target),
    };
  };
  if (!(await ifHolds(lists, stateOf))) throw preconditionFailed("The If header's conditions do not hold.");
  const submitted = submittedTokens(lists);
  for (const change of changes) {
    assertUnlocked(locks, pathKey(change.path), submitted, change.below);
    if (change.member && change.path.length > 0) {
      // Adding or removing a member changes the parent collection: its own lock (any depth) counts.
      const parent = pathKey(change.path.slice(0, -1));
      if (locks.some((l) => l.path === parent && !submitted.has(l.token))) assertUnlocked(locks, parent, submitted);
    }
  }
  return { submitted };
}
