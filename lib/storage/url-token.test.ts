import { describe, expect, it, vi } from "vitest";
import { blobUrl, signUrlToken, tokenFromBlobUrl, verifyUrlToken } from "./url-token";

const put = { op: "put", driver: "local", key: "u1/abc", size: 10, type: "text/plain" } as const;

function reencode(token: string, edit: (payload: Record<string, unknown>) => void): string {
  const [body, sig] = token.split(".");
  const payload = JSON.parse(Buffer.from(body, "base64url").toString());
  edit(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${sig}`;
}

describe("url tokens", () => {
  it("round-trips every grant kind", () => {
    const now = Date.now();
    for (const grant of [
      put,
      { op: "part", driver: "s3", key: "u1/abc", size: 5_242_880, uploadId: "up-1", partNumber: 7 },
      { op: "get", driver: "local", key: "u1/abc", type: "image/png", disposition: "inline", filename: "ünï €.png" },
    ] as const) {
      const { token, expiresAt } = signUrlToken(grant, 60, now);
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(expiresAt.getTime()).toBe((Math.floor(now / 1000) + 60) * 1000);
      const verified = verifyUrlToken(token, now);
      expect(verified).toEqual({ ok: true, grant: { ...grant, expiresAt } });
    }
  });

  it("refuses a changed payload (key, size, type, op, driver, expiry)", () => {
    const { token } = signUrlToken(put, 60);
    const edits: ((p: Record<string, unknown>) => void)[] = [
      (p) => (p.k = "u2/abc"),
      (p) => (p.s = 11),
      (p) => (p.t = "text/html"),
      (p) => (p.op = "get"),
      (p) => (p.d = "s3"),
      (p) => (p.e = (p.e as number) + 3600),
    ];
    for (const edit of edits)
      expect(verifyUrlToken(reencode(token, edit))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("carries a download's scope, which cannot be dropped or changed", () => {
    const get = { op: "get", driver: "local", key: "u1/abc", type: "text/plain", disposition: "attachment" } as const;
    const { token, expiresAt } = signUrlToken({ ...get, filename: "a.txt", scope: "share:s1:f1" }, 60);
    expect(verifyUrlToken(token)).toEqual({
      ok: true,
      grant: { ...get, filename: "a.txt", scope: "share:s1:f1", expiresAt },
    });
    for (const edit of [
      (p: Record<string, unknown>) => delete p.sc,
      (p: Record<string, unknown>) => (p.sc = "share:s2:f1"),
    ])
      expect(verifyUrlToken(reencode(token, edit))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a changed signature and junk", () => {
    const { token } = signUrlToken(put, 60);
    const flipped = token.slice(0, -2) + (token.at(-2) === "A" ? "B" : "A") + token.at(-1);
    expect(verifyUrlToken(flipped)).toMatchObject({ ok: false, reason: "bad_signature" });
    // A second spelling of the same signature bytes (the last character's two padding bits).
    const last = token.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sibling = alphabet[alphabet.indexOf(last) ^ 1];
    const sig = token.split(".")[1];
    expect(Buffer.from(sig.slice(0, -1) + sibling, "base64url")).toEqual(Buffer.from(sig, "base64url"));
    expect(verifyUrlToken(token.slice(0, -1) + sibling)).toMatchObject({ ok: false, reason: "bad_signature" });
    for (const junk of ["", ".", "abc", "abc.def", `${token}.x`, token.replace(".", ""), "a".repeat(9000)]) {
      expect(verifyUrlToken(junk)).toMatchObject({ ok: false });
    }
  });

  it("expires at the signed time", () => {
    const now = Date.now();
    const { token, expiresAt } = signUrlToken(put, 30, now);
    expect(verifyUrlToken(token, expiresAt.getTime() - 1).ok).toBe(true);
    expect(verifyUrlToken(token, expiresAt.getTime())).toEqual({ ok: false, reason: "expired", expiresAt });
  });

  it("is bound to the app secret", async () => {
    const { token } = signUrlToken(put, 60);
    const previous = process.env.AUTH_SECRET;
    try {
      process.env.AUTH_SECRET = "another-secret-another-secret-another-secret";
      vi.resetModules(); // fresh env and secret modules that read the new secret
      const other = await import("./url-token");
      expect(other.verifyUrlToken(token)).toEqual({ ok: false, reason: "bad_signature" });
      expect(other.verifyUrlToken(other.signUrlToken(put, 60).token).ok).toBe(true);
    } finally {
      process.env.AUTH_SECRET = previous;
      vi.resetModules();
    }
  });

  it("builds and parses blob URLs", () => {
    const { token } = signUrlToken(put, 60);
    const url = blobUrl("http://localhost:3000/", token);
    expect(url).toBe(`http://localhost:3000/api/blob/${token}`);
    expect(tokenFromBlobUrl(url)).toBe(token);
    expect(tokenFromBlobUrl("http://localhost:3000/api/files/1")).toBeNull();
  });
});
