// Single sign-on end to end: a real OpenID Connect provider (oidc-provider, test/oidc-provider.ts)
// and two production servers configured by the OIDC_* variables, driven through the browser: an
// account created with the admin role from the group claim, the role taken away at the next sign-in,
// a verified email linking a password account and an unverified one refused, a tampered state and a
// tampered nonce refused, OIDC_AUTO_CREATE=false and PASSWORD_SIGN_IN=false, and a provider that is down.
import { expect, test, type Page } from "@playwright/test";
import { freshDataDir, migrate, startApp, type AppProcess } from "./support/app-process";
import type { TestOidcProvider } from "../test/oidc-provider";

const BASE = Number(process.env.E2E_PORT ?? 3210);
const PORTS = { open: BASE + 6, closed: BASE + 7 };
const ADMIN_GROUP = "stowage-admins";

/**
 * Clicks the single sign-on button and, unless the provider still has a session of this browser,
 * signs in at its development login form (consent is granted by the test provider itself).
 */
async function signInWithProvider(page: Page, app: AppProcess, login: string) {
  await page.goto(`${app.url}/signin`);
  await page.getByRole("button", { name: "Company SSO" }).click();
  const backAtApp = (url: URL) =>
    url.port === String(app.port) && (url.pathname !== "/signin" || url.searchParams.has("error"));
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/") || backAtApp(url));
  if (new URL(page.url()).pathname.startsWith("/interaction/")) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL(backAtApp);
  }
}

async function me(page: Page, app: AppProcess) {
  const res = await page.request.get(`${app.url}/api/me`);
  return res.ok() ? ((await res.json()) as { user: { email: string; role: string } }).user : null;
}

test("single sign-on with a real OpenID Connect provider", async ({ browser }) => {
  test.skip(test.info().project.name !== "local", "one run is enough: it starts its own servers and provider");
  test.setTimeout(180_000);
  const { startOidcProvider } = await import("../test/oidc-provider");
  const provider: TestOidcProvider = await startOidcProvider({
    redirectUris: Object.values(PORTS).map((port) => `http://localhost:${port}/api/auth/callback/oidc`),
  });
  const apps: AppProcess[] = [];
  try {
    const settings = { ...provider.appEnv, OIDC_NAME: "Company SSO", OIDC_ADMIN_GROUP: ADMIN_GROUP };
    const dirs = [freshDataDir("sso-open"), freshDataDir("sso-closed")];
    for (const dir of dirs) migrate(dir);
    const [open, closed] = await Promise.all([
      startApp(dirs[0]!, PORTS.open, settings),
      startApp(dirs[1]!, PORTS.closed, { ...settings, OIDC_AUTO_CREATE: "false", PASSWORD_SIGN_IN: "false" }),
    ]);
    apps.push(open!, closed!);

    // A password account first (the first account: an admin), to be linked later by verified email.
    const registered = await fetch(`${open!.url}/api/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: open!.url },
      body: JSON.stringify({ email: "linda@example.com", password: "correct horse battery" }),
    });
    expect(registered.status).toBe(201);
    provider.accounts.set("alice", {
      email: "alice@example.com",
      emailVerified: true,
      name: "Alice",
      groups: [ADMIN_GROUP],
    });
    provider.accounts.set("mallory", { email: "linda@example.com", emailVerified: false, groups: [] });
    provider.accounts.set("linda", { email: "linda@example.com", emailVerified: true, groups: [] });

    // 1. A new person: account created, admin by group; signed out; out of the group → no longer admin.
    let context = await browser.newContext();
    let page = await context.newPage();
    await signInWithProvider(page, open!, "alice");
    await expect(page).toHaveURL(/\/files$/);
    expect(await me(page, open!)).toMatchObject({ email: "alice@example.com", role: "ADMIN" });
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect(await me(page, open!)).toBeNull();
    provider.accounts.get("alice")!.groups = ["staff"];
    await signInWithProvider(page, open!, "alice");
    await expect(page).toHaveURL(/\/files$/);
    expect(await me(page, open!)).toMatchObject({ role: "USER" });
    await context.close();

    // 2. An unverified email is never linked to the existing password account.
    context = await browser.newContext();
    page = await context.newPage();
    await signInWithProvider(page, open!, "mallory");
    await expect(page).toHaveURL(/\/signin\?.*error=UnverifiedEmail/);
    await expect(page.getByRole("alert").filter({ hasText: "not verified" })).toBeVisible();
    expect(await me(page, open!)).toBeNull();
    await context.close();
    // The verified one is: the account's page lists the link.
    context = await browser.newContext();
    page = await context.newPage();
    await signInWithProvider(page, open!, "linda");
    await expect(page).toHaveURL(/\/files$/);
    expect(await me(page, open!)).toMatchObject({ email: "linda@example.com", role: "ADMIN" });
    await page.goto(`${open!.url}/settings/account`);
    await expect(page.getByTestId("sign-in-methods")).toContainText("Company SSO (linda@example.com)");
    await context.close();

    // 3. A tampered state, then a tampered nonce (changed in the authorization request, so the
    // provider echoes them back): refused with a message, no session, never a 500.
    for (const param of ["state", "nonce"]) {
      context = await browser.newContext();
      page = await context.newPage();
      await page.route(
        (url) => url.origin === provider.issuer && url.pathname === "/auth",
        (route) => {
          const url = new URL(route.request().url());
          url.searchParams.set(param, "tampered-value");
          return route.continue({ url: url.toString() });
        },
      );
      await signInWithProvider(page, open!, "alice");
      await expect(page, `tampered ${param}`).toHaveURL(/\/signin\?.*error=OAuthCallback/);
      await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
      expect(await me(page, open!)).toBeNull();
      await context.close();
    }

    // 4. OIDC_AUTO_CREATE=false and PASSWORD_SIGN_IN=false: no password fields, an unknown person refused.
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${closed!.url}/signin`);
    await expect(page.getByRole("button", { name: "Company SSO" })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await signInWithProvider(page, closed!, "alice");
    await expect(page).toHaveURL(/\/signin\?.*error=NoAccount/);
    await expect(page.getByRole("alert").filter({ hasText: "ask an administrator" })).toBeVisible();
    const signUp = await page.request.post(`${closed!.url}/api/register`, {
      headers: { origin: closed!.url },
      data: { email: "eve@example.com", password: "correct horse battery" },
    });
    expect(signUp.status()).toBe(403);
    await context.close();

    // 5. The provider is down: a clear message on the sign-in page.
    await provider.stop();
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${open!.url}/signin`);
    await page.getByRole("button", { name: "Company SSO" }).click();
    await expect(page).toHaveURL(/\/signin\?.*error=OAuthSignin/);
    await expect(page.getByRole("alert").filter({ hasText: "could not be reached" })).toBeVisible();
    await context.close();
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await provider.stop().catch(() => undefined);
  }
});
