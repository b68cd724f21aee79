// What must exist once per process: the Prisma client (one connection or pool), the request
// context, the lease holder's identity, the sweeper's timer, the storage drivers.
//
// Next compiles a module once per layer that imports it — route handlers, server components,
// instrumentation, the proxy — so a module-level variable exists once per layer: measured in a
// production worker, three Prisma clients (three SQLite connections contending for one lock, or
// three PostgreSQL pools). Each such thing is therefore made here, in one process-wide registry
// (the only state kept on globalThis), by whichever layer asks first. The server in front of the
// app (server/) loads none of them. A test counts their "instance created" log lines per process.
const REGISTRY = Symbol.for("stowage.perProcess");

type Registry = Map<string, unknown>;
const registry: Registry = ((globalThis as Record<symbol, Registry | undefined>)[REGISTRY] ??= new Map());

/** The process's one `name`, made by `create` the first time any layer asks. */
export function perProcess<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** The process's `name` if some layer has made it already. */
export function madeInProcess<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}

/** Forgets `name` (tests and shutdown: the next perProcess(name) makes a new one). */
export function forgetPerProcess(name: string): void {
  registry.delete(name);
}
