// Your account, in the browser: an app password shown once and revoked; the password changed
// (another browser signed out, this one not); two-factor set up with codes computed here from the
// secret the page shows, then required at sign-in (a wrong code refused, a recovery code accepted once).
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { newAccount, signIn, signOut, signUp } from "./support/auth";

async function passwordStep(page: Page, account: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Authentication code")).toBeFocused();
}

test("app passwords, change password and two-factor sign-in", async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const account = newAccount("account");
  await signUp(page, account);
  const elsewhere = await browser.newContext({ baseURL });
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, account);

  // App passwords: created with a scope, shown once, listed without the secret, revoked.
  await page.goto("/settings/account");
  await page.getByLabel("Device or app").fill("laptop rclone");
  await page.getByLabel("Access").selectOption("write");
  await page.getByRole("button", { name: "Create app password" }).click();
  const secret = (await page.getByTestId("new-app-password").textContent())!;
  expect(secret).toMatch(/^stwp_/);
  await expect(page.getByTestId("app-password-row")).toContainText("laptop rclone · Read-write");
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.getByRole("button", { name: "Revoke laptop rclone" }).click();
  await page.getByRole("button", { name: "Revoke app password" }).click();
  await expect(page.getByText("No app passwords yet.")).toBeVisible();

  // Change password: the other browser is signed out, this one stays.
  await page.getByLabel("Current password", { exact: true }).fill("not it");
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("Repeat the new password").fill("a brand new password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not correct.")).toBeVisible();
  await page.getByLabel("Current password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  account.password = "a brand new password";
  await otherPage.goto("/files");
  await expect(otherPage).toHaveURL(/\/signin/);
  await elsewhere.close();
  await page.goto("/files");
  await expect(page).toHaveURL(/\/files$/);

  // Two-factor: set up with a code computed from the key the page shows.
  await page.goto("/settings/account");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = (await page.getByTestId("totp-secret").textContent())!;
  const now = () => Math.floor(Date.now() / 1000);
  await page.getByLabel("Code from the app").fill(await generate({ secret: key, epoch: now() }));
  await page.getByRole("button", { name: "Turn on" }).click();
  // allTextContents() does not wait: wait for the codes the server answers with first.
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("10 recovery codes left")).toBeVisible();
  await signOut(page);

  // Sign-in now asks for a code: a wrong one is refused; the next step's code is accepted
  // (the enrolment's own code was used, and a code is never accepted twice).
  await passwordStep(page, account);
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(await generate({ secret: key, epoch: now() + 30 }));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/files$/);
  await signOut(page);

  // A recovery code signs in once.
  await passwordStep(page, account);
  await page.getByLabel("Authentication code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/files$/);
  await signOut(page);
  await passwordStep(page, account);
  await page.getByLabel("Authentication code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
});
