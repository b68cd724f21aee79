// What the error mappers are told about a failure, and the reading of raw errors they share.

/** Where a failure happened, to word the message. */
export interface ErrorContext {
  op: string;
  key?: string;
  uploadId?: string;
  bucket?: string;
  endpoint?: string;
  region?: string;
  /** The local storage folder (local driver). */
  dir?: string;
}

/** The fields of an fs, network or AWS SDK error that the mappers look at. */
export interface ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  cause?: unknown;
}

/** The error's code (ENOENT, ECONNREFUSED…), else its cause's: some clients wrap the socket error. */
export function errorCode(err: ErrorLike): string | undefined {
  if (typeof err.code === "string") return err.code;
  const cause = err.cause as ErrorLike | undefined;
  if (cause && typeof cause === "object" && typeof cause.code === "string") return cause.code;
  return undefined;
}

/** ` (op "key")`, appended to messages so a log line says which operation failed. */
export function where(ctx: ErrorContext): string {
  return ctx.key ? ` (${ctx.op} "${ctx.key}")` : ` (${ctx.op})`;
}
