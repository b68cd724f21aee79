// A short, human name for a session's browser ("Firefox on macOS") from its User-Agent header, for
// the settings page's sessions list. Deliberately small: the common browsers and systems by their
// well-known tokens, in the order that disambiguates them (Edge and Opera also say "Chrome", Chrome
// also says "Safari", Android also says "Linux"); anything else by its first product name.

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(Headless)?(Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, "Windows"],
  [/\bAndroid\b/, "Android"],
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

const first = (table: [RegExp, string][], text: string) => table.find(([pattern]) => pattern.test(text))?.[1];

/** "Firefox on macOS", "Safari on iPhone", "curl", or "Unknown browser". */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const text = userAgent?.trim();
  if (!text) return "Unknown browser";
  const browser = first(BROWSERS, text);
  const system = first(SYSTEMS, text);
  if (browser) return system ? `${browser} on ${system}` : browser;
  // Not a browser we know (a script, a command-line client): its first product name, kept short.
  const product = /^([A-Za-z][\w.-]{0,39})(\/|\s|$)/.exec(text)?.[1];
  if (product && product !== "Mozilla") return system ? `${product} on ${system}` : product;
  return system ? `Browser on ${system}` : "Unknown browser";
}
