// The access-control matrix (test/access-matrix-contract.ts) and the fuzz
// (app/api/__tests__/fuzz.test.ts) are generated from the app's one route table (app/routes.ts):
// every route it declares, with what a request to it needs here (test/route-needs.ts).
import { routes } from "@/app/routes";
import type { Access, Handler, Method } from "@/lib/http/router";
import { NEEDS, type Needs } from "./route-needs";

export type { Method, Handler };
export { NEEDS, urlPath, type Victim } from "./route-needs";

export interface ApiRoute extends Needs {
  method: Method;
  /** The path as the table declares it, brackets and all: `/api/files/[id]`. */
  path: string;
  handler: Handler;
  access: Access;
}

/** Every route the table declares, with its needs. */
export const API_ROUTES: ApiRoute[] = routes.map((route) => ({ ...route, ...NEEDS[`${route.method} ${route.path}`] }));
