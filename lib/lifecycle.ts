// How the server in front of the app (server/) tells the app it is shutting down, without loading
// a second copy of the app's modules: a named diagnostics channel (process-wide by design, a public
// Node interface). The app subscribes what must finish before the process exits (the sweeper's run,
// the database connections: instrumentation.ts); the server publishes once its requests have drained
// and waits for those hooks.
import { channel, subscribe } from "node:diagnostics_channel";

const SHUTDOWN = "stowage:shutdown";

interface ShutdownMessage {
  waitFor(work: Promise<unknown>): void;
}

/** Runs `hook` when the server shuts down (after its requests have finished). */
export function onShutdown(hook: () => Promise<unknown>): void {
  subscribe(SHUTDOWN, (message) => (message as ShutdownMessage).waitFor(hook()));
}

/** Runs every shutdown hook and waits for them (failures are the hooks' own business). */
export async function runShutdownHooks(): Promise<void> {
  const pending: Promise<unknown>[] = [];
  channel(SHUTDOWN).publish({ waitFor: (work) => pending.push(work.catch(() => undefined)) } satisfies ShutdownMessage);
  await Promise.all(pending);
}
