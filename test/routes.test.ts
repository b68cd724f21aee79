// The table the matrix and the fuzz are generated from is the app's own (app/routes.ts): each
// description in test/routes.ts must name a declared route, and the router must serve each
// declared route at its path.
import { describe, expect, it } from "vitest";
import { routes } from "@/app/routes";
import { NEEDS } from "./routes";

describe("the route table", () => {
  it("declares each route once, and test/routes.ts describes only declared routes", () => {
    const declared = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(declared).size, "no route declared twice").toBe(declared.length);
    expect(Object.keys(NEEDS).filter((key) => !declared.includes(key))).toEqual([]);
    expect(routes.every((r) => typeof r.handler === "function")).toBe(true);
  });

  it("declares the access level of every route that checks a session or token through route()", () => {
    const guarded = routes.filter((r) => r.access !== "public").map((r) => `${r.method} ${r.path}`);
    expect(guarded).toContain("GET /api/files/[id]");
    expect(routes.find((r) => r.path === "/api/admin/usage")?.access).toBe("admin");
    expect(routes.find((r) => r.path === "/api/health")?.access).toBe("public");
  });
});
