import { describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/me/app-passwords/handlers";
import { DELETE as revoke } from "@/app/api/me/app-passwords/[id]/handlers";
import { call, newUser } from "@/test/api";
import { db } from "../db";
import { verifyAppPassword } from "./app-passwords";

describe("app passwords", () => {
  it("are shown once, stored hashed, listed without the secret, checked with the email, revoked one by one", async () => {
    const user = await newUser();
    const made = await call(create, {
      method: "POST",
      token: user.token,
      body: { name: "laptop rclone", scope: "write" },
    });
    expect(made.status).toBe(201);
    const secret: string = made.json.secret;
    expect(secret).toMatch(/^stwp_[\w-]{32}$/);
    const other = await call(create, { method: "POST", token: user.token, body: { name: "phone", scope: "read" } });

    const row = await db.appPassword.findUniqueOrThrow({ where: { id: made.json.id } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(5));
    const listed = await call(list, { token: user.token });
    expect(listed.json.items.map((i: { name: string; scope: string }) => [i.name, i.scope])).toEqual([
      ["phone", "read"],
      ["laptop rclone", "write"],
    ]);
    expect(listed.text).not.toContain(secret);

    expect(await verifyAppPassword(user.email.toUpperCase(), secret)).toMatchObject({
      user: { id: user.id },
      scope: "write",
      appPasswordId: made.json.id,
    });
    expect(await verifyAppPassword(user.email, other.json.secret)).toMatchObject({ scope: "read" });
    expect(await verifyAppPassword("someone@example.com", secret)).toBeNull(); // the right secret, another name
    expect(await verifyAppPassword(user.email, `${secret}x`)).toBeNull();
    expect(await verifyAppPassword(user.email, user.token)).toBeNull(); // an API token is not an app password
    expect((await db.appPassword.findUniqueOrThrow({ where: { id: made.json.id } })).lastUsedAt).not.toBeNull();

    const stranger = await newUser();
    expect((await call(revoke, { method: "DELETE", token: stranger.token, params: { id: made.json.id } })).status).toBe(
      404,
    );
    expect((await call(revoke, { method: "DELETE", token: user.token, params: { id: made.json.id } })).status).toBe(
      204,
    );
    expect(await verifyAppPassword(user.email, secret)).toBeNull();
    expect(await verifyAppPassword(user.email, other.json.secret)).not.toBeNull();

    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await verifyAppPassword(user.email, other.json.secret)).toBeNull();
  });

  it("refuses a bad name or scope with 400", async () => {
    const user = await newUser();
    for (const body of [{ name: "", scope: "read" }, { name: "x", scope: "admin" }, { name: "x" }]) {
      const answer = await call(create, { method: "POST", token: user.token, body });
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe("invalid_request");
    }
  });
});
