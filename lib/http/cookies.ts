// Cookies as a request sends them, read the same way by every route (sessions, share-link unlocks).

/** The Cookie header's pairs, values percent-decoded where they can be. */
export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const raw = part.slice(index + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // a malformed cookie from some other app on this host: keep it as sent
    }
    cookies.set(part.slice(0, index).trim(), value);
  }
  return cookies;
}
