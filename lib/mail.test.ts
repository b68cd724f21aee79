// Outgoing mail against a real SMTP server started here (smtp-server), reading what arrived:
// "Forgot password?" (its link sets the password once; unknown addresses get the same answer and
// no mail; requests are throttled per address), the notice of a sign-in from a new device, and the
// news of files arriving through a file request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "@/test/api";
import { db } from "./db";
import { resetEnvCache } from "./env";
import { checkCredentials, registerUser } from "./auth/users";
import { startSession } from "./auth/sessions";
import { noticeNewDevice } from "./auth/sign-in-notice";
import { mailText, startSmtpServer, type TestSmtpServer } from "@/test/smtp-server";
import { bytesOf, makeRequest, visitorUpload } from "@/test/requests";
import { newUser } from "@/test/api";

let smtp: TestSmtpServer;
const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Stowage <stowage@example.com>";
  resetEnvCache();
});

afterAll(async () => {
  Object.assign(process.env, saved);
  for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
  resetEnvCache();
  await smtp.stop();
});

const ask = (email: string, ip = "203.0.113.7") =>
  dispatch({
    method: "POST",
    path: "/api/password-reset",
    body: { email },
    headers: { "x-stowage-client-address": ip },
  });

/** The messages for `to` (the send is awaited before the answer, so they are there). */
const mailFor = (to: string) => smtp.mailFor(to);

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
    const link = /http:\/\/\S+\/set-password\/([A-Za-z0-9_-]+)/.exec(mailText(message!));
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

describe("new-device sign-in notice", () => {
  const chrome = (version: string) =>
    `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;
  const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
  const session = (userId: string, userAgent: string) =>
    db.session.create({ data: { userId, userAgent, expiresAt: new Date(Date.now() + 3_600_000) } });

  it("mails the owner at a sign-in from a device none of the recent sessions came from, not before", async () => {
    const user = await registerUser({ email: "notice-1@example.com", password: "a password", name: undefined });
    // The account's first sign-in: nothing to compare with.
    const first = await session(user.id, chrome("131.0.0.0"));
    await noticeNewDevice(user.id, first.id, { ip: "203.0.113.9", userAgent: chrome("131.0.0.0") });
    expect(mailFor(user.email)).toHaveLength(0);
    // The same browser, updated: the same device.
    const updated = await session(user.id, chrome("132.0.6834.83"));
    await noticeNewDevice(user.id, updated.id, { ip: "203.0.113.9", userAgent: chrome("132.0.6834.83") });
    expect(mailFor(user.email)).toHaveLength(0);
    // Another browser on another system.
    const other = await session(user.id, firefox);
    await noticeNewDevice(user.id, other.id, { ip: "198.51.100.23", userAgent: firefox });
    const [notice] = mailFor(user.email);
    expect(mailFor(user.email)).toHaveLength(1);
    expect(notice!.raw).toContain("Subject: New sign-in to your Stowage account");
    expect(mailText(notice!)).toContain("198.51.100.23");
    expect(mailText(notice!)).toContain("Firefox/133.0");
  });

  it("is sent by a sign-in's session start, and not at all with SIGN_IN_NOTICE=false", async () => {
    const user = await registerUser({ email: "notice-2@example.com", password: "a password", name: undefined });
    await session(user.id, chrome("131.0.0.0"));
    process.env.SIGN_IN_NOTICE = "false";
    resetEnvCache();
    try {
      const quiet = await session(user.id, firefox);
      await noticeNewDevice(user.id, quiet.id, { ip: "198.51.100.1", userAgent: firefox });
      expect(mailFor(user.email)).toHaveLength(0);
    } finally {
      delete process.env.SIGN_IN_NOTICE;
      resetEnvCache();
    }
    // startSession does not wait for the mail server: the notice arrives shortly after.
    await startSession(user.id, { ip: "198.51.100.2", userAgent: "curl/8.5.0" });
    await expect.poll(() => mailFor(user.email).length).toBe(1);
  });
});

describe("files arriving through a file request", () => {
  it("tell the owner once per look: at the first arrival, again only after the badge was cleared", async () => {
    const owner = await newUser();
    const inbox = await dispatch({ method: "POST", path: "/api/folders", token: owner.token, body: { name: "Inbox" } });
    const request = await makeRequest(owner, inbox.json.folder.id);
    const arrivals = () => mailFor(owner.email).filter((m) => mailText(m).includes("through your file request"));

    expect((await visitorUpload(request.token, "one.txt", bytesOf(10))).status).toBe(200);
    await expect.poll(() => arrivals().length).toBe(1);
    expect(mailText(arrivals()[0]!)).toContain(`/files/${inbox.json.folder.id}`);
    // More while the owner has not looked: counted on the badge, no more mail.
    expect((await visitorUpload(request.token, "two.txt", bytesOf(10))).status).toBe(200);
    expect((await visitorUpload(request.token, "three.txt", bytesOf(10))).status).toBe(200);
    // The owner looks; the next arrival is news again.
    const seen = await dispatch({ method: "POST", path: `/api/requests/${request.id}/seen`, token: owner.token });
    expect(seen.status).toBe(204);
    expect((await visitorUpload(request.token, "four.txt", bytesOf(10))).status).toBe(200);
    await expect.poll(() => arrivals().length).toBe(2);
    expect((await db.fileRequest.findUniqueOrThrow({ where: { id: request.id } })).unseenCount).toBe(1);
  });
});
