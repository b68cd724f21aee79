// The Content-Security-Policy of every HTML page (set per request by proxy.ts). Scripts run only
// with the request's nonce (Next puts it on its own scripts) or when loaded by such a script
// ('strict-dynamic'); everything else comes from this origin, plus the S3 bucket that presigned
// uploads go to and previews load from. Bucket origins come from the configuration, so
// changing the store needs no code change.
import { ConfigError, env, oidcConfigured, type Env } from "../env";
import { bucketOrigins, s3SettingsFromEnv } from "../storage/s3-config";

/** Where a sign-in form may be sent on to (form-action also governs its redirects). */
const OAUTH_ORIGINS = { github: "https://github.com", google: "https://accounts.google.com" };

function storageOrigins(e: Env): string[] {
  if (!e.S3_BUCKET) return [];
  try {
    return bucketOrigins(s3SettingsFromEnv(e));
  } catch (error) {
    if (error instanceof ConfigError) return []; // the app reports it elsewhere (health, uploads)
    throw error;
  }
}

export function contentSecurityPolicy(nonce: string, e: Env = env()): string {
  const bucket = storageOrigins(e);
  const dev = e.NODE_ENV === "development";
  const oauth = [
    ...(e.GITHUB_CLIENT_ID && e.GITHUB_CLIENT_SECRET ? [OAUTH_ORIGINS.github] : []),
    ...(e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET ? [OAUTH_ORIGINS.google] : []),
    ...(oidcConfigured(e) ? [new URL(e.OIDC_ISSUER!).origin] : []),
  ];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // React's development build evaluates strings; production never does.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Style attributes (React's style={...}: list heights, progress bars) cannot carry a nonce.
    ["style-src", "'self'", "'unsafe-inline'"],
    // Thumbnails are drawn in the browser (blob:); previews load from the app or the bucket.
    ["img-src", "'self'", "blob:", "data:", ...bucket],
    ["media-src", "'self'", "blob:", ...bucket],
    ["frame-src", "'self'", "blob:", ...bucket],
    // Uploads PUT straight to the bucket; the development server's live reload uses a websocket.
    ["connect-src", "'self'", ...bucket, ...(dev ? ["ws:"] : [])],
    ["font-src", "'self'"],
    ["worker-src", "'self'", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...oauth],
    ["frame-ancestors", "'none'"],
  ];
  if (e.APP_URL.startsWith("https://")) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** HSTS, only for a site served over HTTPS (a plain-HTTP site must stay reachable). */
export function strictTransportSecurity(e: Env = env()): string | null {
  return e.APP_URL.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}
