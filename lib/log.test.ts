// The logger: pino JSON lines, secrets redacted, the request id on every line of a request.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "./env";
import { log, runWithRequestId, setLogDestination } from "./log";
import { route } from "./http/route";

let lines: Record<string, unknown>[];

beforeEach(() => {
  lines = [];
  setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line)) });
  process.env.LOG_LEVEL = "debug";
  resetEnvCache();
});

afterEach(() => {
  setLogDestination(undefined);
  process.env.LOG_LEVEL = "silent";
  resetEnvCache();
});

describe("log lines", () => {
  it("are one JSON object per event with level, time, message and fields (BigInt as a number)", () => {
    log.info("upload discarded", { uploadId: "u1", bytes: 10n });
    expect(lines).toEqual([
      expect.objectContaining({ level: "info", msg: "upload discarded", uploadId: "u1", bytes: 10, pid: process.pid }),
    ]);
    expect(new Date(lines[0]!.time as string).getTime()).toBeGreaterThan(0);
  });

  it("never carry passwords, tokens, secrets, cookies or signed URLs, whatever a caller passes", () => {
    const secrets = ["hunter2", "abc.def.ghi", "sessionjwt", "deadbeefsig", "BLOBTOKEN123", "shareTOKEN.sig", "s3cr3t"];
    log.warn("oops", {
      password: "hunter2",
      request: { headers: { Authorization: "Bearer abc.def.ghi", cookie: "next-auth.session-token=sessionjwt" } },
      url: "https://bucket.s3.amazonaws.com/u/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=deadbeefsig",
      error: "PUT http://localhost:3000/api/blob/BLOBTOKEN123 failed; see http://localhost:3000/s/shareTOKEN.sig",
      config: [{ S3_SECRET_ACCESS_KEY: "s3cr3t" }],
      key: "owner/abc123",
    });
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      password: "[redacted]",
      key: "owner/abc123",
      url: "https://bucket.s3.amazonaws.com/u/k?[redacted]",
      error: expect.stringContaining("/api/blob/[redacted] failed"),
    });
  });

  it("follow LOG_LEVEL", () => {
    process.env.LOG_LEVEL = "warn";
    resetEnvCache();
    log.info("quiet");
    log.warn("loud");
    expect(lines.map((l) => l.msg)).toEqual(["loud"]);
  });
});

describe("request ids", () => {
  it("mark every line written while a request is served, and no other", async () => {
    log.info("before");
    await runWithRequestId(async (id) => {
      log.info("first");
      await new Promise((r) => setTimeout(r, 5));
      runWithRequestId((inner) => expect(inner).toBe(id)); // one request, one id
      log.info("after a wait");
    });
    log.info("after");
    const [before, first, later, after] = lines.filter((l) => l.msg !== "instance created");
    expect(first!.requestId).toEqual(expect.any(String));
    expect(later!.requestId).toBe(first!.requestId);
    expect(before).not.toHaveProperty("requestId");
    expect(after).not.toHaveProperty("requestId");
  });

  it("route() answers X-Request-Id and logs an unexpected error under it, without a stack for the client", async () => {
    const handler = route({ auth: "none", query: z.object({}) }, async () => {
      log.info("working");
      throw new Error("database exploded at /srv/app/lib/x.ts:12");
    });
    const response = await handler(new Request("http://localhost:3000/api/x"), { params: Promise.resolve({}) });
    expect(response.status).toBe(500);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const body = await response.text();
    expect(body).not.toContain("exploded");
    expect(body).not.toContain("x.ts");
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ["working", id],
      ["unhandled error", id],
    ]);
    expect(lines[1]!.stack).toContain("exploded");
  });
});
