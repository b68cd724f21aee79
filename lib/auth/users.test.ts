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

  it("locks an email out after 10 wrong passwords, even for the right one", async () => {
    await registerUser({ email: "ivy@example.com", password: "correct horse", name: undefined });
    for (let i = 0; i < 10; i++) expect(await checkCredentials("ivy@example.com", `guess ${i}`)).toBeNull();
    await expect(checkCredentials("ivy@example.com", "correct horse")).rejects.toMatchObject({ code: "rate_limited" });
  });
});
