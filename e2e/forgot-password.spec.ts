// "Forgot password?" end to end: a production server configured with SMTP_URL and MAIL_FROM, a real
// SMTP server (smtp-server) started here, and the browser: the link on the sign-in page, the form,
// the message that arrived read from the SMTP server, its link followed to set a new password, and
// signing in with it. An unknown address gets the same answer and no mail; a used link is refused;
// the suite's own server, which has no mail settings, offers none of it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { freshDataDir, migrate, startApp, type AppProcess } from "./support/app-process";
import { mailText, startSmtpServer, type ReceivedMail } from "../test/smtp-server";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 8;

/** No moderate or worse axe finding, in light and dark. */
async function expectAccessible(page: Page, what: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const blocking = violations.filter((v) => ["moderate", "serious", "critical"].includes(v.impact ?? ""));
    expect(
      blocking.map((v) => v.id),
      `${what} (${scheme})`,
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** The set-password link in a message. */
function linkIn(mail: ReceivedMail): string {
  const link = /http:\/\/\S+?\/set-password\/[A-Za-z0-9_-]+/.exec(mailText(mail));
  expect(link, "the message holds a set-password link").not.toBeNull();
  return link![0];
}

test("forgot password: the emailed link sets a new password once", async ({ page, baseURL }) => {
  test.skip(test.info().project.name !== "local", "one run is enough: it starts its own server and mail server");
  test.setTimeout(120_000);

  // Without mail settings (the suite's server) nothing offers what cannot be sent.
  await page.goto(`${baseURL}/signin`);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Forgot password?" })).toHaveCount(0);
  expect((await page.request.get(`${baseURL}/forgot-password`)).status()).toBe(404);

  const smtp = await startSmtpServer();
  let app: AppProcess | undefined;
  try {
    const dir = freshDataDir("mail");
    migrate(dir);
    app = await startApp(dir, PORT, {
      SMTP_URL: smtp.url,
      MAIL_FROM: "Stowage <stowage@example.com>",
    });
    const email = "forgetful@example.com";
    const registered = await fetch(`${app.url}/api/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify({ email, password: "the old password" }),
    });
    expect(registered.status).toBe(201);

    await page.goto(`${app.url}/signin`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expectAccessible(page, "the forgot-password form");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    const answer = page.getByRole("status");
    await expect(answer).toContainText("Check your inbox");
    const shown = await answer.textContent();
    await expectAccessible(page, "the answer");

    // The same words for an address without an account, and no mail for it.
    await page.goto(`${app.url}/forgot-password`);
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toHaveText(shown!);
    expect(smtp.mailFor("nobody@example.com")).toHaveLength(0);

    // The request is answered after the message was handed to the mail server: it is there.
    const mails = smtp.mailFor(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain("From: Stowage <stowage@example.com>");
    const link = linkIn(mails[0]!);
    expect(link.startsWith(`${app.url}/set-password/`)).toBe(true);

    await page.goto(link);
    await page.getByLabel("New password").fill("a brand new password");
    await page.getByLabel("Repeat password").fill("a brand new password");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByRole("heading", { name: "Password set" })).toBeVisible();

    // The link worked once.
    await page.goto(link);
    await expect(page.getByText("This link has already been used or has expired.")).toBeVisible();
    await expect(page.getByLabel("New password")).toHaveCount(0);

    // The old password no longer signs in; the new one does.
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("the old password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await page.getByLabel("Password").fill("a brand new password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/files$/);
  } finally {
    await app?.stop();
    await smtp.stop();
  }
});
