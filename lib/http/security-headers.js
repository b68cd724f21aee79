// @ts-check
// The security headers of every response: pages (next.config.js's headers()), the API, blob URLs and
// share links (lib/http/router.ts), and what the server answers itself (server/host.ts). Plain
// JavaScript so next.config.js can import it; its types are in security-headers.d.ts.

/** @type {[string, string][]} */
const EVERY_RESPONSE = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "same-origin"],
  ["X-Frame-Options", "DENY"],
];

/** Share links: the token must not leak in a Referer, and no search engine may index them. @type {[string, string][]} */
const SHARE_LINKS = [
  ["Referrer-Policy", "no-referrer"],
  ["X-Robots-Tag", "noindex, nofollow"],
];

export const SHARE_LINK_PREFIX = "/s/";

/**
 * The security headers for a path (later entries of the same name win).
 * @param {string} pathname
 * @returns {[string, string][]}
 */
export function securityHeaders(pathname) {
  if (!pathname.startsWith(SHARE_LINK_PREFIX)) return EVERY_RESPONSE;
  const merged = new Map(EVERY_RESPONSE);
  for (const [name, value] of SHARE_LINKS) merged.set(name, value);
  return [...merged];
}

/** The same rules in next.config.js's `headers()` form. */
export function nextHeaderRules() {
  const rule = (/** @type {string} */ source, /** @type {[string, string][]} */ headers) => ({
    source,
    headers: headers.map(([key, value]) => ({ key, value })),
  });
  return [rule("/:path*", EVERY_RESPONSE), rule(`${SHARE_LINK_PREFIX}:path*`, SHARE_LINKS)];
}
