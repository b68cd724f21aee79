import { describe, expect, it } from "vitest";
import { dispatch, ORIGIN, sessionCookie } from "@/test/api";
import { db } from "../db";
import { registerUser, checkCredentials } from "./users";

const sameOrigin = (cookie: string) => ({ cookie, origin: ORIGIN });

describe("your own account", () => {
  it("changes the password with the current one: other sessions end, this browser stays signed in", async () => {
    const user = await registerUser({ email: "pat@example.com", password: "old password", name: undefined });
    const here = await sessionCookie(user.id);
    const elsewhere = await sessionCookie(user.id);
    const change = (currentPassword: string) =>
      dispatch({
        method: "POST",
        path: "/api/me/password",
        headers: sameOrigin(here),
        body: { currentPassword, newPassword: "new password" },
      });

    const wrong = await change("not my password");
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: "invalid_request", field: "currentPassword" });
    const short = await dispatch({
      method: "POST",
      path: "/api/me/password",
      headers: sameOrigin(here),
      body: { currentPassword: "old password", newPassword: "short" },
    });
    expect(short.status).toBe(400);

    const ok = await change("old password");
    expect(ok.status).toBe(204);
    const renewed = ok.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
    expect(renewed).toBeDefined();
    const fresh = renewed!.split(";")[0]!;
    expect((await dispatch({ path: "/api/me", headers: { cookie: fresh } })).status).toBe(200);
    expect((await dispatch({ path: "/api/me", headers: { cookie: elsewhere } })).status).toBe(401);
    const ended = await db.session.findMany({ where: { userId: user.id, endReason: "password-changed" } });
    expect(ended).toHaveLength(1);
    expect(await checkCredentials("pat@example.com", "old password")).toBeNull();
    expect(await checkCredentials("pat@example.com", "new password")).toMatchObject({ id: user.id });
    expect(await db.auditEvent.count({ where: { action: "user.password.change", target: user.id } })).toBe(1);
  });

  it("throttles guesses of the current password", async () => {
    const user = await registerUser({ email: "quinn@example.com", password: "old password", name: undefined });
    const cookie = await sessionCookie(user.id);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await dispatch({
        method: "POST",
        path: "/api/me/password",
        headers: sameOrigin(cookie),
        body: { currentPassword: `guess ${i}`, newPassword: "new password" },
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(6)).toEqual([429]);
  });

  it("changes the display name", async () => {
    const user = await registerUser({ email: "remy@example.com", password: "old password", name: undefined });
    const cookie = await sessionCookie(user.id);
    const answer = await dispatch({
      method: "PATCH",
      path: "/api/me",
      headers: sameOrigin(cookie),
      body: { name: " Rémy " },
    });
    expect(answer.json.user).toMatchObject({ name: "Rémy" });
    const cleared = await dispatch({
      method: "PATCH",
      path: "/api/me",
      headers: sameOrigin(cookie),
      body: { name: "" },
    });
    expect(cleared.json.user.name).toBeNull();
  });
});
