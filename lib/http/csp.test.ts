import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { contentSecurityPolicy, strictTransportSecurity } from "./csp";

const production = (source: Record<string, string>) => parseEnv({ NODE_ENV: "production", ...source });
const directive = (policy: string, name: string) =>
  policy.split("; ").find((d) => d.startsWith(`${name} `) || d === name);

describe("contentSecurityPolicy", () => {
  it("runs only scripts carrying the request's nonce, and no page may be framed", () => {
    const policy = contentSecurityPolicy("abc123", production({}));
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    for (const d of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ]) {
      expect(policy.split("; ")).toContain(d);
    }
    expect(directive(policy, "connect-src")).toBe("connect-src 'self'");
    expect(directive(policy, "upgrade-insecure-requests")).toBeUndefined();
  });

  it("lets pages upload to and preview from the bucket that presigned URLs point at", () => {
    const aws = contentSecurityPolicy("n", production({ S3_BUCKET: "photos", S3_REGION: "eu-west-1" }));
    for (const name of ["connect-src", "img-src", "media-src", "frame-src"]) {
      expect(directive(aws, name)).toContain("https://photos.s3.eu-west-1.amazonaws.com");
    }
    const minio = contentSecurityPolicy(
      "n",
      production({ S3_BUCKET: "b", S3_PROVIDER: "minio", S3_ENDPOINT: "http://minio.lan:9000/" }),
    );
    expect(directive(minio, "connect-src")).toBe("connect-src 'self' http://minio.lan:9000");
    // Relay mode: the browser only talks to the app.
    const relay = contentSecurityPolicy(
      "n",
      production({ S3_BUCKET: "b", S3_ENDPOINT: "http://minio.lan:9000", S3_PRESIGN: "false" }),
    );
    expect(directive(relay, "connect-src")).toBe("connect-src 'self'");
  });

  it("lets the sign-in form go on to a configured OAuth provider", () => {
    const policy = contentSecurityPolicy("n", production({ GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "s" }));
    expect(directive(policy, "form-action")).toBe("form-action 'self' https://github.com");
  });

  it("asks for HTTPS only on a site served over HTTPS", () => {
    expect(strictTransportSecurity(production({ APP_URL: "https://files.example.com" }))).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(strictTransportSecurity(production({ APP_URL: "http://localhost:3000" }))).toBeNull();
    expect(
      directive(
        contentSecurityPolicy("n", production({ APP_URL: "https://files.example.com" })),
        "upgrade-insecure-requests",
      ),
    ).toBeDefined();
  });
});
