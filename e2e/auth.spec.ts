import { expect, test } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./support/auth";

test.describe.configure({ mode: "serial" });

/** The first account on this server (created by the first test): the admin. */
const admin = newAccount("admin");

test("a fresh install opens on sign-up, and the first account is the admin", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByText("this account will administer Stowage")).toBeVisible();

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

test("API tokens: created once, usable as a bearer token, revoked from the settings page", async ({ page, playwright, baseURL }) => {
  await signUp(page, newAccount("tokens"));
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  await page.getByLabel("New token name").fill("backup script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^stw_/);
  await expect(page.getByTestId("token-row")).toContainText("backup script");

  // A script without the browser's cookies.
  const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await script.get("/api/me")).status()).toBe(200);

  await page.getByRole("button", { name: "Revoke backup script" }).click();
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  expect((await script.get("/api/me")).status()).toBe(401);
  await script.dispose();
});

test("a disabled account is signed out and cannot sign in again", async ({ page, playwright, baseURL }) => {
  const user = newAccount("disabled");
  await signUp(page, user);
  const me = await (await page.request.get("/api/me")).json();

  // The admin disables the account through the API, signed in the way a browser is.
  const adminApi = await playwright.request.newContext({ baseURL });
  const { csrfToken } = await (await adminApi.get("/api/auth/csrf")).json();
  await adminApi.post("/api/auth/callback/credentials", { form: { csrfToken, email: admin.email, password: admin.password } });
  const patched = await adminApi.patch(`/api/admin/users/${me.user.id}`, { data: { disabled: true }, headers: { origin: baseURL! } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).user.disabled).toBe(true);
  await adminApi.dispose();

  await page.reload();
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This account is disabled" })).toBeVisible();
});
