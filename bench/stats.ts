// Small statistics helpers.
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One GET through a route handler in this process, as a token's holder: wall and CPU ms, and the JSON answer (not 200: throws). */
export async function timedGet(route: RouteHandler, token: string, query: string) {
  const request = new Request(`http://localhost:3000/api/files?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const response = await route(request, { params: Promise.resolve({}) });
  const body = JSON.parse(await response.text());
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (response.status !== 200) throw new Error(`${query}: ${response.status} ${JSON.stringify(body)}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, body };
}
