import { describe, expect, it } from "vitest";
import { db } from "../db";
import { deviceCookie } from "./device";
import { checkCredentials, registerUser } from "./users";

const stranger = (n: number) => ({ address: `203.0.113.${n}` });
const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

async function cookieOf(email: string, address: string) {
  const user = await checkCredentials(email, "correct horse", { address });
  const cookie = deviceCookie(user!.id, user!.deviceId ?? undefined);
  return `${cookie.name}=${cookie.value}`;
}

describe("checkCredentials", () => {
  it("accepts the right password, refuses a wrong one and an unknown email alike", async () => {
    const user = await registerUser({ email: "grace@example.com", password: "correct horse", name: undefined });
    expect(await checkCredentials(" Grace@Example.com ", "correct horse")).toMatchObject({ id: user.id });
    expect(await checkCredentials("grace@example.com", "wrong horse")).toBeNull();
    expect(await checkCredentials("nobody@example.com", "correct horse")).toBeNull();
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await registerUser({ email: "henry@example.com", password: "correct horse", name: undefined });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(checkCredentials("henry@example.com", "correct horse")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets 10 failures pass, then doubles the wait after each further one (counters in the database)", async () => {
    await registerUser({ email: "ivy@example.com", password: "correct horse", name: undefined });
    const start = new Date();
    for (let i = 0; i < 10; i++)
      expect(await checkCredentials("ivy@example.com", `guess ${i}`, stranger(i), start)).toBeNull();
    expect(await checkCredentials("ivy@example.com", "guess", stranger(10), start)).toBeNull(); // the 11th: waits 1 s after
    // Other RateLimit users prune rows whose resetAt has passed: a live sign-in counter survives it.
    await db.rateLimit.deleteMany({ where: { resetAt: { lte: later(start, 1) } } });
    await expect(checkCredentials("ivy@example.com", "correct horse", stranger(11), start)).rejects.toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: 1 },
    });
    expect(await checkCredentials("ivy@example.com", "guess", stranger(12), later(start, 1))).toBeNull();
    await expect(checkCredentials("ivy@example.com", "guess", stranger(13), later(start, 2))).rejects.toMatchObject({
      details: { retryAfterSeconds: 1 },
    });
    expect(await db.rateLimit.findUnique({ where: { key: "sign-in:account:ivy@example.com" } })).toMatchObject({
      count: 12,
    });
  });

  it("never lets a stranger's failures from other addresses lock out the owner's known browser, and the owner's success clears them", async () => {
    const jack = await registerUser({ email: "jack@example.com", password: "correct horse", name: undefined });
    const cookies = await cookieOf("jack@example.com", "198.51.100.7");
    const now = new Date();
    for (let i = 0; i < 40; i++)
      await checkCredentials("jack@example.com", "guess", stranger(i % 4), now).catch(() => null);
    // A new browser must wait; the owner's known one signs in at once, from anywhere.
    await expect(
      checkCredentials("jack@example.com", "correct horse", { address: "192.0.2.1" }, now),
    ).rejects.toMatchObject({ code: "rate_limited" });
    expect(
      await checkCredentials("jack@example.com", "correct horse", { address: "192.0.2.1", cookies }, now),
    ).toMatchObject({ id: jack.id });
    expect(await checkCredentials("jack@example.com", "correct horse", { address: "192.0.2.1" }, now)).toMatchObject({
      id: jack.id,
    });
  }, 60_000);

  it("does not take a device cookie issued to another account, nor a forged one", async () => {
    await registerUser({ email: "kim@example.com", password: "correct horse", name: undefined });
    await registerUser({ email: "lou@example.com", password: "correct horse", name: undefined });
    const kims = await cookieOf("kim@example.com", "198.51.100.8");
    const now = new Date();
    for (let i = 0; i < 12; i++) await checkCredentials("lou@example.com", "guess", stranger(i), now).catch(() => null);
    for (const cookies of [kims, "stowage-device=abc.def", kims.replace(/.$/, (c) => (c === "A" ? "B" : "A"))]) {
      await expect(
        checkCredentials("lou@example.com", "correct horse", { address: "192.0.2.2", cookies }, now),
      ).rejects.toMatchObject({ code: "rate_limited" });
    }
  }, 60_000);

  it("slows one address guessing across many accounts, without counting its successful sign-ins", async () => {
    await registerUser({ email: "max@example.com", password: "correct horse", name: undefined });
    const now = new Date();
    const spray = { address: "203.0.113.200" };
    for (let i = 0; i < 5; i++)
      expect(await checkCredentials("max@example.com", "correct horse", spray, now)).not.toBeNull();
    for (let i = 0; i < 21; i++)
      expect(await checkCredentials(`victim${i}@example.com`, "guess", spray, now)).toBeNull();
    await expect(checkCredentials("victim99@example.com", "guess", spray, now)).rejects.toMatchObject({
      code: "rate_limited",
    });
    expect(await checkCredentials("victim99@example.com", "guess", { address: "203.0.113.201" }, now)).toBeNull();
  }, 60_000);

  it("checks no more than the allowed passwords when guesses arrive all at once", async () => {
    await registerUser({ email: "nia@example.com", password: "correct horse", name: undefined });
    const now = new Date();
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => checkCredentials("nia@example.com", `guess ${i}`, stranger(i), now)),
    );
    const checked = results.filter((r) => r.status === "fulfilled").length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(11);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .every((r) => (r as PromiseRejectedResult).reason.code === "rate_limited"),
    ).toBe(true);
  }, 60_000);
});
