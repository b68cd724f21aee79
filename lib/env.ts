// Every environment variable Stowage reads, parsed once with zod. A bad value stops
// start-up with a message naming the variable (see .env.example for each one).
import { z } from "zod";
import { parseBytes } from "./bytes";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const bytes = z.string().transform((v, ctx) => {
  const n = parseBytes(v);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: `expected a size like 1048576, 64MiB or 10GiB, got "${v}"` });
    return z.NEVER;
  }
  return n;
});

/**
 * Which X-Forwarded-For entries to believe: 0 (none: the socket's address), a number of proxy
 * hops in front of the app, "all" (the leftmost entry) or "loopback" (proxies on this machine).
 */
const trustProxy = z
  .string()
  .default("false")
  .transform((v, ctx): number | "all" | "loopback" => {
    const value = v.trim().toLowerCase();
    if (["false", "no", "0", ""].includes(value)) return 0;
    if (["true", "yes"].includes(value)) return "all";
    if (value === "loopback") return "loopback";
    if (/^\d{1,2}$/.test(value)) return Number(value);
    ctx.addIssue({ code: "custom", message: `expected false, true, loopback or a number of proxy hops, got "${v}"` });
    return z.NEVER;
  });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z.string().default("file:./data/stowage.db"),
  /** Connections each process keeps open to PostgreSQL (node-postgres' default is 10). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * How long a transaction waits to start (for a pooled PostgreSQL connection, or its turn on SQLite's
   * one connection) before its request is refused with 503 and Retry-After (Prisma's default: 2 s).
   */
  DATABASE_WAIT_SECONDS: z.coerce.number().min(0.001).max(300).default(10),
  /** Defaults to http://localhost:<PORT> (see parseEnv). */
  APP_URL: z
    .url({ protocol: /^https?$/, message: "must be an absolute http(s) URL such as http://localhost:3000" })
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Processes `npm start` serves with; default one per core (see webConcurrency). */
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const n = Number(v.trim());
      if (Number.isInteger(n) && n >= 1 && n <= 256) return n;
      ctx.addIssue({ code: "custom", message: `expected a number of processes from 1 to 256, got "${v}"` });
      return z.NEVER;
    }),
  /** On SIGTERM/SIGINT, how long requests in flight (uploads included) may take to finish. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  TRUST_PROXY: trustProxy,
  AUTH_SECRET: optionalString,
  NEXTAUTH_SECRET: optionalString,
  REGISTRATION: z.enum(["open", "closed"]).default("open"),
  /** How long a session lasts without being used, in hours; each use renews it (lib/auth/session-cookie.ts). */
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  GITHUB_CLIENT_ID: optionalString,
  GITHUB_CLIENT_SECRET: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  /** OpenID Connect single sign-on: the three together (lib/auth/oidc.ts); the redirect URI is APP_URL/api/auth/callback/oidc. */
  OIDC_ISSUER: optionalString.pipe(
    z.url({ protocol: /^https?$/, message: "must be the provider's issuer URL" }).optional(),
  ),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  /** The sign-in button's label. */
  OIDC_NAME: z.string().trim().min(1).default("Single sign-on"),
  /** The ID token or userinfo claim that lists the user's groups. */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).default("groups"),
  /** Members of this group are admins, others are not (checked at every single sign-on). */
  OIDC_ADMIN_GROUP: optionalString,
  /** false: a single sign-on by someone without an account here is refused. */
  OIDC_AUTO_CREATE: bool.default(true),
  /** false: no password sign-in, sign-up or set-password links (single sign-on only). */
  PASSWORD_SIGN_IN: bool.default(true),
  /** Outgoing mail (lib/mail.ts), both or neither: smtp://user:pass@host:587 or smtps://…:465. */
  SMTP_URL: optionalString.pipe(
    z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
  ),
  /** The sender of the mail Stowage sends: an address, or "Name <address>". */
  MAIL_FROM: optionalString.pipe(
    z
      .string()
      .regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: "must be an email address" })
      .optional(),
  ),
  /** With mail: tell the account's owner of a sign-in from a device it has not used recently. */
  SIGN_IN_NOTICE: bool.default(true),

  STORAGE_DRIVER: z.enum(["local", "s3"]).optional(),
  STORAGE_LOCAL_DIR: z.string().optional(),
  STORAGE_FALLBACK: z.enum(["none", "local"]).default("none"),
  /** auto: files that fell back to local while the bucket was down move to it once it is healthy again. */
  STORAGE_FALLBACK_RETURN: z.enum(["off", "auto"]).default("off"),
  /** A second copy of every file on this driver, made in the background (none: no mirror). */
  STORAGE_MIRROR: z.enum(["none", "local", "s3"]).default("none"),
  S3_BUCKET: optionalString,
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: optionalString.pipe(z.url().optional()),
  S3_FORCE_PATH_STYLE: bool.optional(),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_PREFIX: optionalString,
  S3_SSE: z.enum(["AES256", "aws:kms"]).optional(),
  S3_PROVIDER: z.enum(["aws", "minio", "r2", "b2", "runpod"]).optional(),
  S3_RUNPOD_DATACENTER: z.enum(["EUR-IS-1", "EU-RO-1", "EU-CZ-1", "US-KS-2", "US-CA-2"]).optional(),
  S3_PRESIGN: bool.optional(),
  S3_CREATE_BUCKET: bool.default(false),

  /** "unlimited" turns quotas off for users without their own. */
  DEFAULT_QUOTA_BYTES: z
    .string()
    .default(String(10 * 1024 ** 3))
    .pipe(z.union([z.literal("unlimited").transform(() => null), bytes])),
  MAX_FILE_BYTES: bytes.default(5 * 1024 ** 4),
  MULTIPART_THRESHOLD: bytes.default(64 * 1024 ** 2),
  BLOCKED_TYPES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  UPLOAD_EXPIRY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 3600),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Longest lifetime of a share link, in days (a link's expiry is required). */
  SHARE_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /**
   * macOS Finder's side files over WebDAV (`._name` resource forks, `.DS_Store`): "hide" stores them
   * but leaves them out of the web UI's listing, "refuse" answers their PUT 403, "keep" treats them
   * as any file.
   */
  WEBDAV_MACOS_FILES: z.enum(["hide", "refuse", "keep"]).default("hide"),
  /** The sweeper deletes what has been in the trash longer than this many days (0 = keep it until emptied). */
  TRASH_DAYS: z.coerce.number().int().min(0).default(30),
  /**
   * Older versions kept per file when an upload or a WebDAV PUT replaces it: the sweeper drops the
   * oldest beyond this many (0 = keep none: a replacement deletes the old bytes at once).
   */
  VERSIONS_KEEP: z.coerce.number().int().min(0).max(1000).default(10),
  /** The sweeper drops versions replaced more than this many days ago (0 = keep them until VERSIONS_KEEP drops them). */
  VERSIONS_DAYS: z.coerce.number().int().min(0).max(36500).default(30),
  /** The sweeper forgets audit events older than this many days (0 = keep them forever). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  /** Media jobs (thumbnails, previews) each process runs at once; 0 = this process runs none. */
  MEDIA_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /** A media job's deadline: its decoder (sharp, ffmpeg, pdftoppm) is killed after this long. */
  MEDIA_JOB_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** A media job's decoder's address-space limit (RLIMIT_AS through prlimit, where installed). */
  MEDIA_JOB_MEMORY: bytes.default(1536 * 1024 ** 2),
  /** Larger files are not read for a thumbnail (they keep their icon). */
  MEDIA_MAX_SOURCE_BYTES: bytes.default(1024 ** 3),
  /** Images with more pixels are refused before decoding (a decompression bomb ends here). */
  MEDIA_MAX_PIXELS: z.coerce.number().int().min(1).default(100_000_000),
  /** The tools for video posters and PDF pages: a command or path, or "none" (then those keep their icon). */
  MEDIA_FFMPEG: z.string().default("ffmpeg"),
  MEDIA_PDFTOPPM: z.string().default("pdftoppm"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = Omit<z.infer<typeof schema>, "APP_URL"> & { APP_URL: string };

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = result.data;
  const problem = signInProblem(config) ?? mailProblem(config);
  if (problem) throw new ConfigError(`Invalid configuration:\n  ${problem}`);
  // Without APP_URL, the app is where `npm start` serves it: signed URLs must point there.
  const appUrl = (config.APP_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
  return { ...config, APP_URL: appUrl };
}

const OIDC_VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/** A partial single sign-on setup, or password sign-in turned off with nothing to replace it (everyone locked out). */
function signInProblem(config: z.infer<typeof schema>): string | undefined {
  const missing = OIDC_VARIABLES.filter((name) => !config[name]);
  if (missing.length > 0 && missing.length < OIDC_VARIABLES.length) {
    return `${missing[0]}: must be set too (single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET)`;
  }
  if (!config.PASSWORD_SIGN_IN && missing.length > 0) {
    return "PASSWORD_SIGN_IN: false needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): nobody could sign in";
  }
  return undefined;
}

/** SMTP_URL and MAIL_FROM go together: mail needs a server and a sender. */
function mailProblem(config: z.infer<typeof schema>): string | undefined {
  if (config.SMTP_URL && !config.MAIL_FROM) return "MAIL_FROM: must be set too (mail needs SMTP_URL and MAIL_FROM)";
  if (config.MAIL_FROM && !config.SMTP_URL) return "SMTP_URL: must be set too (mail needs SMTP_URL and MAIL_FROM)";
  return undefined;
}

/** Whether OpenID Connect single sign-on is configured (parseEnv refuses half of it). */
export function oidcConfigured(config: Env = env()): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET);
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed configuration (tests change process.env between suites). */
export function resetEnvCache(): void {
  cached = undefined;
}
