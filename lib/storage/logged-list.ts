// list() is an async generator, which oplog's logged() cannot wrap: this logs its one line when
// the listing ends — finished, failed, or abandoned by the caller — with the count so far.
import { log } from "../log";
import type { StorageError } from "./errors";
import type { DriverName, ObjectInfo } from "./types";

export async function* loggedList(driver: DriverName, prefix: string, items: AsyncIterable<ObjectInfo>): AsyncGenerator<ObjectInfo> {
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
    log.info("storage", { op: "list", driver, key: prefix, count, ms: Math.round(performance.now() - started), outcome });
  }
}
