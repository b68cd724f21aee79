// Structured logs: one JSON line per event through pino — `{"level":"info","time":"…","pid":…,
// "requestId":"…","msg":"…",…fields}` — debug and info on stdout, warn and error on stderr, at
// LOG_LEVEL. Every line written while a request is served carries its id (runWithRequestId). Fields pass through redact() first, so secrets never reach a log even when a
// caller passes them by mistake: values under keys that name a secret, and secrets inside strings
// (signed URL query strings and path tokens, bearer tokens).
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "./env";
import { madeInProcess, perProcess } from "./per-process";

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

type RequestContext = AsyncLocalStorage<{ requestId: string }>;
const REQUEST_CONTEXT = "request context";

/** The request being served: one store per process, made by the first request (lib/per-process.ts). */
function requestContext(): RequestContext {
  return perProcess(REQUEST_CONTEXT, () => {
    // Logged once it is registered: writing a line reads the request context.
    queueMicrotask(() => emit("debug", "instance created", { instance: REQUEST_CONTEXT }));
    return new AsyncLocalStorage();
  });
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return madeInProcess<RequestContext>(REQUEST_CONTEXT)?.getStore()?.requestId;
}

/**
 * Runs `fn` as part of a request: its log lines carry the request's id — `requestId` when given (the
 * one the server stamped, server/host.ts), the current one inside a request, else a new one.
 */
export function runWithRequestId<T>(fn: (requestId: string) => T, requestId?: string | null): T {
  const current = currentRequestId();
  if (current) return fn(current);
  const id = requestId || crypto.randomUUID();
  return requestContext().run({ requestId: id }, () => fn(id));
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
