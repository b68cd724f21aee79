// One log line per storage operation: {op, driver, key, bytes, ms, outcome}. Never a secret,
// a token or a signed URL.
import { log } from "../log";
import type { StorageError } from "./errors";
import type { DriverName, ObjectInfo } from "./types";

export interface OpFields {
  op: string;
  driver: DriverName;
  key?: string;
  bytes?: number;
  uploadId?: string;
  partNumber?: number;
}

/** Runs `fn`, logging its outcome once ("ok" or the error's code) with its duration. */
export async function logged<T>(
  fields: OpFields,
  fn: () => Promise<T>,
  bytesOf?: (result: T) => number | undefined,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await fn();
    const bytes = bytesOf?.(result) ?? fields.bytes;
    log.info("storage", { ...fields, bytes, ms: Math.round(performance.now() - started), outcome: "ok" });
    return result;
  } catch (err) {
    const { code, status } = (err ?? {}) as { code?: unknown; status?: unknown };
    // Failures of the store itself (5xx) are warnings; a missing object or a bad body is not.
    const level = typeof status === "number" && status < 500 ? "info" : "warn";
    log[level]("storage", {
      ...fields,
      ms: Math.round(performance.now() - started),
      outcome: typeof code === "string" ? code : "error",
    });
    throw err;
  }
}

/**
 * list() is an async generator, which logged() cannot wrap: this logs its one line when the
 * listing ends — finished, failed, or abandoned by the caller — with the count so far.
 */
export async function* loggedList(
  driver: DriverName,
  prefix: string,
  items: AsyncIterable<ObjectInfo>,
): AsyncGenerator<ObjectInfo> {
  const started = performance.now();
  let count = 0;
  let outcome = "ok";
  try {
    for await (const info of items) {
      count++;
      yield info;
    }
  } catch (err) {
    outcome = (err as StorageError).code ?? "error";
    throw err;
  } finally {
    log.info("storage", {
      op: "list",
      driver,
      key: prefix,
      count,
      ms: Math.round(performance.now() - started),
      outcome,
    });
  }
}
