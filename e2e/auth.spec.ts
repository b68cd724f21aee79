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

test("API tokens: created once, usable as a bearer token, revoked from the settings page", async ({
  page,
  playwright,
  baseURL,
}) => {
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
  const script = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/me")).status()).toBe(200);

  // Revoking asks first; Cancel (or Esc) keeps the token and gives the focus back.
  const revoke = page.getByRole("button", { name: "Revoke backup script" });
  await revoke.click();
  const dialog = page.getByRole("dialog", { name: "Revoke “backup script”?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  expect((await script.get("/api/me")).status()).toBe(200);

  await revoke.click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  // The "copy it now" box does not keep offering a dead token.
  await expect(page.getByTestId("new-token")).toHaveCount(0);
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
  await adminApi.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: admin.email, password: admin.password },
  });
  const patched = await adminApi.patch(`/api/admin/users/${me.user.id}`, {
    data: { disabled: true },
    headers: { origin: baseURL! },
  });
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

test("signing in from a deep link returns to it", async ({ page }) => {
  const user = newAccount("deeplink");
  await signUp(page, user);
  await signOut(page);

  await page.goto("/settings/tokens?tab=1");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Ftokens%3Ftab%3D1$/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens\?tab=1$/);
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
});

test("sign-in never redirects to another site", async ({ page, baseURL }) => {
  const user = newAccount("redirect");
  await signUp(page, user);
  await signOut(page);
  const origin = new URL(baseURL!).origin;
  for (const callbackUrl of ["//example.com/path", "/\\example.com/path", "https://example.com/", "/\t/example.com"]) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${origin}/files`);
    // Signed in already: the sign-in page itself must not bounce off-site either.
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await expect(page).toHaveURL(`${origin}/files`);
    await signOut(page);
  }
});

test("sign-up puts the server's objection next to the field it is about", async ({ page }) => {
  const taken = newAccount("taken");
  await signUp(page, taken);
  await signOut(page);
  await page.goto("/signup");
  await page.getByLabel("Email").fill(taken.email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("An account with this email already exists.");
  await expect(page.getByRole("alert").filter({ hasText: "already exists" })).toHaveCount(0);
});

test("unknown pages are branded with a way back; unknown and malformed API paths answer JSON", async ({
  page,
  request,
}) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await page.getByRole("link", { name: "Go to my files" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const unknown = await request.get("/api/no-such-endpoint");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("not_found");
  for (const path of ["/api/blob/%E0%A4%A", "/api/tokens/%E0%A4%A", "/api/files/%ZZ/download"]) {
    const malformed = await request.fetch(path, { method: path.includes("tokens") ? "DELETE" : "GET" });
    expect(malformed.status(), path).toBe(400);
    expect((await malformed.json()).error.code, path).toBe("invalid_request");
  }
  const callback = await request.get("/api/auth/callback/credentials");
  expect(callback.status()).toBe(400);
  expect((await callback.json()).error.code).toBe("invalid_request");
});
