import { describe, expect, it } from "vitest";
import { db } from "../db";
import { checkCredentials, registerUser } from "./users";

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

  it("locks an email out for an address after 10 wrong passwords from it, but not for its owner elsewhere", async () => {
    const ivy = await registerUser({ email: "ivy@example.com", password: "correct horse", name: undefined });
    for (let i = 0; i < 10; i++) expect(await checkCredentials("ivy@example.com", `guess ${i}`, "203.0.113.9")).toBeNull();
    await expect(checkCredentials("ivy@example.com", "correct horse", "203.0.113.9")).rejects.toMatchObject({ code: "rate_limited" });
    expect(await checkCredentials("ivy@example.com", "correct horse", "198.51.100.7")).toMatchObject({ id: ivy.id });
  });

  it("locks an email everywhere after 100 wrong passwords from many addresses", async () => {
    await registerUser({ email: "jack@example.com", password: "correct horse", name: undefined });
    for (let i = 0; i < 100; i++) await checkCredentials("jack@example.com", "guess", `10.0.${i >> 8}.${i & 255}`);
    await expect(checkCredentials("jack@example.com", "correct horse", "198.51.100.7")).rejects.toMatchObject({ code: "rate_limited" });
  }, 60_000);
});
