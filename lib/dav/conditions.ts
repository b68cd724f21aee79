// The If header (RFC 4918 §10.4): lists of conditions — lock tokens and ETags, each maybe negated,
// maybe tagged with the resource they are about. The header holds when any list holds; the lock
// tokens it names are the ones the client submits (lock checks look for them there).
import { invalid } from "../errors";

export interface Condition {
  not: boolean;
  token?: string;
  etag?: string;
}

export interface ConditionList {
  /** The resource's URL path the list is about, or null for the request's own. */
  tag: string | null;
  conditions: Condition[];
}

/** The If header's lists, or [] without one; 400 when it cannot be read. */
export function parseIf(header: string | null): ConditionList[] {
  if (!header) return [];
  const lists: ConditionList[] = [];
  let tag: string | null = null;
  let i = 0;
  const fail = () => invalid("The If header cannot be read.");
  const skip = () => {
    while (i < header.length && /\s/.test(header[i]!)) i++;
  };
  while ((skip(), i < header.length)) {
    if (header[i] === "<") {
      const end = header.indexOf(">", i);
      if (end < 0) throw fail();
      const url = header.slice(i + 1, end);
      try {
        tag = decodeURI(new URL(url, "http://x").pathname);
      } catch {
        throw fail();
      }
      i = end + 1;
      continue;
    }
    if (header[i] !== "(") throw fail();
    i++;
    const conditions: Condition[] = [];
    while ((skip(), header[i] !== ")")) {
      if (i >= header.length) throw fail();
      let not = false;
      if (header.slice(i, i + 3).toLowerCase() === "not") {
        not = true;
        i += 3;
        skip();
      }
      if (header[i] === "<") {
        const end = header.indexOf(">", i);
        if (end < 0) throw fail();
        conditions.push({ not, token: header.slice(i + 1, end) });
        i = end + 1;
      } else if (header[i] === "[") {
        const end = header.indexOf("]", i);
        if (end < 0) throw fail();
        conditions.push({ not, etag: header.slice(i + 1, end) });
        i = end + 1;
      } else throw fail();
    }
    i++;
    if (!conditions.length) throw fail();
    lists.push({ tag, conditions });
  }
  return lists;
}

/** Every lock token the header names (the client "submits" them, whatever the lists evaluate to). */
export function submittedTokens(lists: ConditionList[]): Set<string> {
  return new Set(lists.flatMap((l) => l.conditions.filter((c) => c.token && !c.not).map((c) => c.token!)));
}

/** What a condition is checked against: the tokens of the locks on a resource, and its ETag. */
export interface ResourceState {
  tokens: Set<string>;
  etag: string | null;
}

const sameEtag = (a: string, b: string | null) => b !== null && a.replace(/^W\//, "") === b.replace(/^W\//, "");

/** Whether the header holds: true without one. `stateOf` gives a tagged (or the request's, null) resource's state. */
export async function ifHolds(
  lists: ConditionList[],
  stateOf: (tag: string | null) => Promise<ResourceState>,
): Promise<boolean> {
  if (!lists.length) return true;
  for (const list of lists) {
    const state = await stateOf(list.tag);
    const holds = list.conditions.every((c) => {
      const met = c.token !== undefined ? state.tokens.has(c.token) : sameEtag(c.etag!, state.etag);
      return c.not ? !met : met;
    });
    if (holds) return true;
  }
  return false;
}
