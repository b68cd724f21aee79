import { expect, test } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./support/auth";

test.describe.configure({ mode: "serial" });

test("a fresh install opens on sign-up, and the first account is the admin", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByText("this account will administer Stowage")).toBeVisible();

  const admin = newAccount("admin");
  await signUp(page, admin);
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(admin.email);
  await expect(page.getByTestId("role-badge")).toHaveText(/Administrator/);
  await page.keyboard.press("Escape");

  await signOut(page);

  // A wrong password shows an inline error and keeps the user on the sign-in page.
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, admin);
  await signOut(page);
});

test("a second account is a plain user", async ({ page }) => {
  const user = newAccount("second");
  await signUp(page, user);
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(user.email);
  await expect(page.getByTestId("role-badge")).toHaveCount(0);
});

test("signed-out visitors are sent to sign-in", async ({ page }) => {
  await page.goto("/files");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign-up shows what is wrong inline", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
});
