// "Forgot password?" against a real SMTP server started here (smtp-server): the message that
// arrived is read, and its link sets the password once. Unknown addresses get the same answer and
// no mail; requests are throttled per address.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "@/test/api";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { checkCredentials, registerUser } from "./users";

const inbox: { to: string[]; raw: string }[] = [];
let server: SMTPServer;
const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Stowage <stowage@example.com>";
  resetEnvCache();
});

afterAll(async () => {
  Object.assign(process.env, saved);
  for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
  resetEnvCache();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ask = (email: string, ip = "203.0.113.7") =>
  dispatch({
    method: "POST",
    path: "/api/password-reset",
    body: { email },
    headers: { "x-stowage-client-address": ip },
  });

/** The messages for `to`, waiting for the first to arrive (the send is awaited, so it is there). */
const mailFor = (to: string) => inbox.filter((m) => m.to.includes(to));

describe("forgot password by email", () => {
  it("mails a one-time link to an existing account, and the same answer but no mail for an unknown one", async () => {
    const user = await registerUser({ email: "forgot-1@example.com", password: "old password", name: undefined });
    const known = await ask(user.email);
    const unknown = await ask("nobody-here@example.com");
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.json).toEqual(known.json);
    expect(mailFor("nobody-here@example.com")).toHaveLength(0);
    const [message] = mailFor(user.email);
    expect(message!.raw).toContain("From: Stowage <stowage@example.com>");
    const link = /http:\/\/\S+\/set-password\/([A-Za-z0-9_-]+)/.exec(message!.raw.replace(/=\r?\n/g, ""));
    expect(link).not.toBeNull();
    const token = link![1]!;
    const stored = JSON.stringify(await db.passwordToken.findMany({ where: { userId: user.id } }));
    expect(stored).not.toContain(token);
    const set = await dispatch({
      method: "POST",
      path: `/api/password-tokens/${token}`,
      body: { password: "new password" },
    });
    expect(set.status).toBe(204);
    expect(await checkCredentials(user.email, "new password")).toMatchObject({ id: user.id });
    const again = await dispatch({
      method: "POST",
      path: `/api/password-tokens/${token}`,
      body: { password: "x password" },
    });
    expect(again.status).toBe(410);
  });

  it("throttles requests per address, existing or not (then 429: the wait after the free ones)", async () => {
    for (const email of ["forgot-2@example.com", "nobody-2@example.com"]) {
      if (email.startsWith("forgot")) await registerUser({ email, password: "old password", name: undefined });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await ask(email, `198.51.100.${i}`)).status);
      expect(statuses, email).toEqual([202, 202, 202, 202, 429]);
    }
    expect(mailFor("forgot-2@example.com")).toHaveLength(4);
  });

  it("bad input is a 400 in the error shape", async () => {
    const bad = await ask("not an address");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_request");
  });
});
