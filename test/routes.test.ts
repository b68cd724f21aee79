// The one route list (test/routes.ts) must name every method of every route file under app/api:
// the access matrix and the fuzz cover only what it names.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./routes";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const APP = path.resolve(import.meta.dirname, "../app");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

describe("the route list", () => {
  it("names every exported method of every route file under app/api, and nothing else", async () => {
    const found: string[] = [];
    for (const file of routeFiles(path.join(APP, "api"))) {
      const routeModule = (await import(file)) as Record<string, unknown>;
      const route = "/" + path.relative(APP, path.dirname(file)).split(path.sep).join("/");
      for (const method of METHODS) if (typeof routeModule[method] === "function") found.push(`${method} ${route}`);
    }
    const listed = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(listed).size, "no route listed twice").toBe(listed.length);
    expect([...listed].sort()).toEqual(found.sort());
    expect(API_ROUTES.every((r) => typeof r.handler === "function")).toBe(true);
  });
});
