import { describe, expect, it } from "vitest";
import { ApiError, requestJson } from "./http";

describe("requestJson", () => {
  it("parses the contract's error body, keeping extra fields", async () => {
    const fetch = async () =>
      Response.json({ error: { code: "quota_exceeded", message: "Too big", remainingBytes: 5 } }, { status: 413 });
    const error = (await requestJson(fetch, "/x").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, code: "quota_exceeded", message: "Too big" });
    expect(error.details.remainingBytes).toBe(5);
  });

  it("falls back to the status for bodies that are not the contract's", async () => {
    const fetch = async () => new Response("<html>Bad gateway</html>", { status: 502 });
    const error = (await requestJson(fetch, "/x").catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 502, code: "server_error" });
  });

  it("reports a failed connection as network_error with status 0", async () => {
    const fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    const error = (await requestJson(fetch, "/x").catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 0, code: "network_error" });
  });

  it("rethrows aborts untouched", async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = async (_url: string, init?: RequestInit) => {
      init?.signal?.throwIfAborted();
      return Response.json({});
    };
    const error = (await requestJson(fetch, "/x", { signal: controller.signal }).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("AbortError");
  });

  it("sends JSON with same-origin credentials and returns undefined for 204", async () => {
    let seen: RequestInit | undefined;
    const fetch = async (_url: string, init?: RequestInit) => {
      seen = init;
      return new Response(null, { status: 204 });
    };
    expect(await requestJson(fetch, "/x", { method: "POST", body: { a: 1 } })).toBeUndefined();
    expect(seen).toMatchObject({ method: "POST", credentials: "same-origin", body: '{"a":1}' });
    expect((seen!.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });
});
