// Matching a URL path against the route table: the table compiled once (paths in Next's order: a
// literal segment wins over a parameter, which wins over a catch-all) and indexed by the first two
// segments, so that a request is tried against a handful of paths rather than all of them.
import type { Handler, Method, Params, Route } from "./router";

type Segment = { literal: string } | { param: string; rest: boolean };

export interface CompiledPath {
  path: string;
  segments: Segment[];
  handlers: Map<Method, Handler>;
  nextContext: boolean;
}

function segmentOf(name: string): Segment {
  const m = /^\[(\.\.\.)?(\w+)\]$/.exec(name);
  return m ? { param: m[2]!, rest: Boolean(m[1]) } : { literal: name };
}

/** Sort key: per position, literal (0) before parameter (1) before catch-all (2); longer paths first on ties. */
function rank(path: CompiledPath): string {
  return path.segments.map((s) => ("literal" in s ? "0" : s.rest ? "2" : "1")).join("") + "3";
}

export function compile(routes: Route[]): Table {
  const byPath = new Map<string, CompiledPath>();
  for (const route of routes) {
    let compiled = byPath.get(route.path);
    if (!compiled) {
      const segments = route.path.split("/").slice(1).map(segmentOf);
      compiled = { path: route.path, segments, handlers: new Map(), nextContext: false };
      byPath.set(route.path, compiled);
    }
    compiled.nextContext ||= Boolean(route.nextContext);
    if (compiled.handlers.has(route.method)) throw new Error(`Route declared twice: ${route.method} ${route.path}`);
    compiled.handlers.set(route.method, route.handler);
  }
  return indexOf([...byPath.values()].sort((a, b) => rank(a).localeCompare(rank(b))));
}

/**
 * The table as compiled: its paths in match order, and an index from a URL's first two segments
 * to the paths that can match it (those starting with those two literals, and those whose first
 * two segments are not both literal), still in match order. A request is tried against a handful
 * of paths instead of the whole table.
 */
export interface Table {
  paths: CompiledPath[];
  byPrefix: Map<string, CompiledPath[]>;
  /** The paths a URL whose prefix is in no bucket can match. */
  open: CompiledPath[];
}

/** The index key of a path's or URL's first two segments ("" when they are not both literal). */
function prefixOf(path: CompiledPath): string {
  const [a, b] = path.segments;
  if (!a || !("literal" in a)) return "";
  if (!b) return `${a.literal}/`; // a one-segment path: only a one-segment URL matches it
  return "literal" in b ? `${a.literal}/${b.literal}` : "";
}

function indexOf(paths: CompiledPath[]): Table {
  const open = paths.filter((path) => prefixOf(path) === "");
  const byPrefix = new Map<string, CompiledPath[]>();
  for (const path of paths) {
    const key = prefixOf(path);
    if (key && !byPrefix.has(key))
      byPrefix.set(
        key,
        paths.filter((p) => prefixOf(p) === key || prefixOf(p) === ""),
      );
  }
  return { paths, byPrefix, open };
}

/** The path and its decoded parameters for a URL path, or null. Throws URIError on a malformed escape. */
export function find(table: Table, pathname: string): { path: CompiledPath; params: Params } | null {
  const parts = pathname.split("/").slice(1);
  // `//` is never a route. A trailing slash is one only where a catch-all takes it (WebDAV names
  // collections that way: the host passes /dav/ paths on as they are); elsewhere the host has
  // already redirected it away.
  if (parts.slice(0, -1).some((p) => p === "")) return null;
  const key = parts.length === 1 ? `${parts[0]}/` : `${parts[0]}/${parts[1]}`;
  for (const path of table.byPrefix.get(key) ?? table.open) {
    const params: Params = {};
    let i = 0;
    let matched = true;
    for (const segment of path.segments) {
      if (i >= parts.length) matched = false;
      else if (parts[i] === "" && !("rest" in segment && segment.rest)) matched = false;
      else if ("literal" in segment) matched = parts[i++] === segment.literal;
      else if (segment.rest) {
        params[segment.param] = parts.slice(i).map(decodeURIComponent);
        i = parts.length;
      } else params[segment.param] = decodeURIComponent(parts[i++]!);
      if (!matched) break;
    }
    if (matched && i === parts.length) return { path, params };
  }
  return null;
}

/** A path's match: the compiled path and the URL's decoded parameters. */
export type Found = NonNullable<ReturnType<typeof find>>;
