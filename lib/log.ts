// Structured logs: one JSON line per event through pino — `{"level":"info","time":"…","pid":…,
// "requestId":"…","msg":"…",…fields}` — debug and info on stdout, warn and error on stderr, at
// LOG_LEVEL. Every line written while a request is served carries its id (runWithRequestId,
// bindRequestId). Fields pass through redact() first, so secrets never reach a log even when a
// caller passes them by mistake: values under keys that name a secret, and secrets inside strings
// (signed URL query strings and path tokens, bearer tokens).
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import type { ServerResponse } from "node:http";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "./env";

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

export const REDACTED = "[redacted]";

/** Keys whose values are secrets wherever they appear (passwordHash, sessionToken, x-amz-signature…). */
const SECRET_KEY = /pass(word|wd)?|secret|token|authorization|cookie|signature|credential|api[-_]?key|private/i;

/** Secrets inside strings: [pattern, replacement]. */
const SECRET_TEXT: [RegExp, string][] = [
  // Signed URLs of buckets carry the signature in the query string: drop the whole query.
  [/(https?:\/\/[^\s"'?#]+)\?[^\s"'#]*(X-Amz-|Signature=|signature=|token=|Expires=)[^\s"'#]*/g, `$1?${REDACTED}`],
  // App-served signed URLs, share links and set-password links carry their token in the path.
  [/(\/api\/blob\/|\/s\/|\/set-password\/|\/api\/password-tokens\/)[^\s"'/?#]+/g, `$1${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
];

/** A copy of `value` safe to log: secret keys masked, secrets in strings cut, BigInts as numbers. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return SECRET_TEXT.reduce((text, [pattern, to]) => text.replace(pattern, to), value);
  if (typeof value === "bigint") return Number(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Date) return value;
  if (value instanceof Error) return redact({ name: value.name, message: value.message, stack: value.stack }, depth);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const copy: Fields = {};
  for (const [key, item] of Object.entries(value))
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  return copy;
}

// One store per process: Next's build carries its own copy of this module beside the one the
// production server (scripts/start.ts) loads, and both must see the id the server gave a request.
const CONTEXT_KEY = Symbol.for("stowage.requestContext");
const requestContext = ((globalThis as Record<symbol, unknown>)[CONTEXT_KEY] ??= new AsyncLocalStorage<{
  requestId: string;
}>()) as AsyncLocalStorage<{ requestId: string }>;

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Runs `fn` as part of a request: its log lines carry the request's id (a new one unless already inside a request). */
export function runWithRequestId<T>(fn: (requestId: string) => T): T {
  const current = currentRequestId();
  if (current) return fn(current);
  const requestId = crypto.randomUUID();
  return requestContext.run({ requestId }, () => fn(requestId));
}

/**
 * For a plain node:http server (scripts/start.ts): called first thing in the request handler, it
 * gives the request an id for everything that runs on its behalf and answers it as X-Request-Id.
 */
export function bindRequestId(res: ServerResponse): void {
  const requestId = crypto.randomUUID();
  requestContext.enterWith({ requestId });
  res.setHeader("X-Request-Id", requestId);
}

function configuredLevel(): Level | "silent" {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info"; // configuration not loadable yet: keep the default level
  }
}

/** A pino logger writing to `destination` (default: info and below to stdout, warn and up to stderr). */
export function createLogger(destination?: DestinationStream): Logger {
  const stream =
    destination ??
    pino.multistream(
      [
        { level: "debug", stream: pino.destination({ dest: 1, sync: true }) },
        { level: "warn", stream: pino.destination({ dest: 2, sync: true }) },
      ],
      { dedupe: true },
    );
  return pino(
    {
      level: "debug",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    stream,
  );
}

let logger: Logger | undefined;

function emit(level: Level, msg: string, fields?: Fields): void {
  logger ??= createLogger();
  const wanted = configuredLevel();
  if (logger.level !== wanted) logger.level = wanted;
  if (!logger.isLevelEnabled(level)) return;
  logger[level]((fields ? redact(fields) : {}) as object, msg);
}

export const log = {
  debug: (msg: string, fields?: Fields) => emit("debug", msg, fields),
  info: (msg: string, fields?: Fields) => emit("info", msg, fields),
  warn: (msg: string, fields?: Fields) => emit("warn", msg, fields),
  error: (msg: string, fields?: Fields) => emit("error", msg, fields),
};

/** Sends the lines to `destination` instead (tests); undefined restores the default. */
export function setLogDestination(destination: DestinationStream | undefined): void {
  logger = destination ? createLogger(destination) : undefined;
}
