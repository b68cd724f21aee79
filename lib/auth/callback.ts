// Where to go after signing in: back to the page the person was going to, but only ever a path
// on this site. `//evil.example/x`, `/\evil.example/x` (browsers read "\" as "/"), tabs or
// newlines that a URL parser drops, and absolute URLs all fall back to the default.
// No server-only imports: the sign-in page, next-auth's redirect callback and tests share it.

export const DEFAULT_CALLBACK = "/files";

/** The request header the proxy (proxy.ts) puts the requested page's path and query in. */
export const REQUESTED_PATH_HEADER = "x-stowage-requested-path";

const BASE = "http://stowage.invalid";
const UNSAFE = /[\\\u0000-\u001f\u007f]/;

/** `raw` normalised when it is a same-origin relative path, else null. */
function relativePath(raw: unknown): string | null {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || UNSAFE.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === BASE && !path.startsWith("//") ? path : null;
}

/** Where to go after signing in: `raw` when it is a same-origin relative path, else `fallback`. */
export function safeCallbackPath(raw: unknown, fallback = DEFAULT_CALLBACK): string {
  const path = relativePath(raw);
  // Signing in to land on the sign-in page again would go round in circles.
  return path === null || /^\/(signin|signup)(?:[/?#]|$)/.test(path) ? fallback : path;
}

/** The sign-in page's URL that returns to `requested` (a path) afterwards. */
export function signInUrl(requested: string | null | undefined): string {
  const back = safeCallbackPath(requested, DEFAULT_CALLBACK);
  return back === DEFAULT_CALLBACK ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(back)}`;
}

/** next-auth's redirect callback (after OAuth sign-in, sign-out): same-origin URLs only, relative ones made absolute. */
export function safeRedirect(url: string, baseUrl: string): string {
  let path = relativePath(url);
  if (path === null && !url.startsWith("/")) {
    try {
      const target = new URL(url);
      if (target.origin === new URL(baseUrl).origin)
        path = relativePath(`${target.pathname}${target.search}${target.hash}`);
    } catch {
      // not a URL: the default below
    }
  }
  return `${baseUrl}${path ?? DEFAULT_CALLBACK}`;
}
