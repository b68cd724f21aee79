// Passkeys in Chromium with the DevTools protocol's virtual authenticators (WebAuthn domain), not
// mocks: two passkeys registered (one per authenticator), renamed and removed; a sign-in with a
// passkey and no email typed; a captured passkey answer replayed and refused (single-use
// challenge); the passkey as the second factor after the password.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signOut, signUp } from "./support/auth";
import { screenshotPath } from "./support/screenshots";

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "local", "driver-independent"));

/** A virtual platform authenticator (resident keys, user verification) answering by itself. */
async function addAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function addPasskey(page: Page, name: string) {
  await page.getByLabel("Passkey name").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText(`Passkey “${name}” added.`)).toBeVisible();
}

test("passkeys: register two, rename, remove, sign in without a password, and as the second factor", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const account = newAccount("passkey");
  await signUp(page, account);
  const first = await addAuthenticator(context, page);

  await page.goto("/settings/account");
  await expect(page.getByText("No passkeys yet.")).toBeVisible();
  await addPasskey(page, "laptop");
  // The second passkey on another authenticator (the first one would refuse: it holds one already).
  await first.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: first.authenticatorId });
  await addAuthenticator(context, page);
  await addPasskey(page, "phone");
  const rows = page.getByTestId("passkey-row");
  await expect(rows).toHaveCount(2);

  // Rename from the keyboard, remove with confirmation.
  await page.getByRole("button", { name: "Rename phone" }).click();
  await page.getByLabel("New name").fill("my phone");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Passkey renamed.")).toBeVisible();
  await page.getByRole("button", { name: "Remove laptop" }).click();
  await page.getByRole("button", { name: "Remove passkey" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("my phone");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations.filter((v) => ["moderate", "serious", "critical"].includes(v.impact ?? ""));
    expect(
      blocking.map((v) => v.id),
      scheme,
    ).toEqual([]);
    await page.screenshot({ path: screenshotPath(`passkeys-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await signOut(page);

  // Sign in with the passkey alone (no email typed); its answer is captured on the way.
  let captured: string | null = null;
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/callback/passkey")) captured = request.postData();
  });
  await page.goto("/signin");
  await page.getByRole("button", { name: "Use a passkey", exact: true }).click();
  await expect(page).toHaveURL(/\/files$/);
  await page.goto("/settings/account");
  await expect(rows).toContainText("last used");
  await signOut(page);

  // The same answer again: its challenge was used up, so it signs nobody in.
  expect(captured).toBeTruthy();
  const replay = await page.request.post("/api/auth/callback/passkey", {
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    data: captured!,
  });
  expect(JSON.stringify(await replay.json())).toContain("error=PasskeyFailed");
  await page.goto("/files");
  await expect(page).toHaveURL(/\/signin/);

  // With a passkey, a password sign-in asks for a second factor, and the passkey gives it.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByLabel("Authentication code")).toBeFocused();
  await page.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect(page).toHaveURL(/\/files$/);
});
