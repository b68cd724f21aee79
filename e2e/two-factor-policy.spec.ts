// The admin's two-factor policy in the browser: the admin requires a second factor of everyone and
// is led to enrol first; a user without one is led to the enrolment page after signing in and
// cannot use the app (pages or API) until enrolled; the admin resets that user's second factor and
// removes a linked identity from the user's page; the audit log shows each step. The new screens
// are checked with axe in light, dark and on a phone, and used from the keyboard.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { generate } from "otplib";
import { newAccount, signIn, signUp } from "./support/auth";
import { operator, promote } from "./support/operator";
import { screenshotPath } from "./support/screenshots";

// The policy is the server's own setting: driver-independent, and reset at the end so the journeys after it run as before.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "local", "driver-independent"));

const SETUP = /\/two-factor\/setup$/;
const now = () => Math.floor(Date.now() / 1000);

async function expectAxeClean(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  const blocking = results.violations
    .filter((v) => ["moderate", "serious", "critical"].includes(v.impact ?? ""))
    .map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(blocking, `${what}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

/** Enrols on the set-up page with codes computed from the key it shows; returns the key. */
async function enrolOnSetupPage(page: Page): Promise<string> {
  await expect(page).toHaveURL(SETUP);
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const key = (await page.getByTestId("totp-secret").textContent())!;
  await page.getByLabel("Code from the app").fill(await generate({ secret: key, epoch: now() }));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them, continue" }).click();
  await expect(page).toHaveURL(/\/files$/);
  return key;
}

/** The set-up page, signed in as `account` (who must enrol), in a scheme and size, checked by axe. */
async function checkSetupPage(browser: Browser, baseURL: string, account: { email: string; password: string }) {
  const looks = [
    { name: "light", colorScheme: "light" as const, viewport: { width: 1280, height: 800 } },
    { name: "dark", colorScheme: "dark" as const, viewport: { width: 1280, height: 800 } },
    { name: "phone", colorScheme: "light" as const, viewport: { width: 390, height: 844 } },
  ];
  for (const look of looks) {
    const context = await browser.newContext({ baseURL, colorScheme: look.colorScheme, viewport: look.viewport });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(SETUP);
    await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    await expect(page.getByTestId("totp-secret")).toBeVisible();
    await expectAxeClean(page, `set-up page with its QR code (${look.name})`);
    await page.screenshot({ path: screenshotPath(`two-factor-setup-${look.name}.png`), fullPage: true });
    await context.close();
  }
}

test("required two-factor: admins and users are led to enrol; the admin resets a factor and unlinks an identity", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000); // about 100 s on a quiet machine: three extra browsers and five axe runs
  const admin = newAccount("policy-admin");
  await signUp(page, admin);
  promote(baseURL!, admin.email);
  const user = newAccount("policy-user");
  const userContext = await browser.newContext({ baseURL });
  const userPage = await userContext.newPage();
  await signUp(userPage, user);
  operator(baseURL!, "e2e/support/link-identity.ts", [user.email, "oidc"]);

  try {
    // The admin requires two-factor of everyone, from the keyboard, and is led to enrol first.
    await page.goto("/admin");
    const policy = page.getByRole("group", { name: "Who must use two-factor authentication" });
    await expect(policy.getByRole("radio", { name: /Optional/ })).toBeChecked();
    await expectAxeClean(page, "admin console with the policy card");
    await policy.getByRole("radio", { name: /Optional/ }).focus();
    await page.keyboard.press("ArrowDown"); // admins
    await expect(page.getByText("Sign-in policy saved.")).toBeVisible();
    await expect(page).toHaveURL(SETUP);
    await page.goto("/admin");
    await expect(page).toHaveURL(SETUP); // no way round it
    const adminKey = await enrolOnSetupPage(page);
    expect(adminKey).toBeTruthy();
    await page.goto("/admin");
    // From the keyboard again (the console's cards still load around it: a click could land elsewhere).
    await page.getByRole("radio", { name: /Required for admins/ }).focus();
    await page.keyboard.press("ArrowDown"); // everyone
    await expect(page.getByText("Sign-in policy saved.")).toBeVisible();
    await expect(page).toHaveURL(/\/admin$/); // enrolled: stays

    // The user, already signed in, is held back at the next page and at the API, except the enrolment.
    await userPage.goto("/files");
    await expect(userPage).toHaveURL(SETUP);
    const held = await userPage.request.get("/api/files");
    expect(held.status()).toBe(403);
    expect((await held.json()).error.reason).toBe("two_factor_enrolment_required");
    await checkSetupPage(browser, baseURL!, user);
    await enrolOnSetupPage(userPage);
    expect((await userPage.request.get("/api/files")).status()).toBe(200);

    // The admin sees the user's second factor and identity, resets the one and removes the other.
    const userId = (await (await userPage.request.get("/api/me")).json()).user.id;
    await page.goto(`/admin/users/${userId}`);
    const signInCard = page.getByRole("region", { name: "Sign-in", exact: true });
    await expect(signInCard.getByTestId("user-second-factor")).toContainText("Two-factor on");
    await expect(signInCard.getByTestId("user-identities")).toContainText(user.email);
    await expectAxeClean(page, "user's page with the sign-in card");
    for (const look of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: look });
      await signInCard.screenshot({ path: screenshotPath(`admin-user-sign-in-${look}.png`) });
    }
    await page.emulateMedia({ colorScheme: "light" });
    await signInCard.getByRole("button", { name: "Reset two-factor" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reset two-factor" }).click();
    await expect(signInCard.getByTestId("user-second-factor")).toContainText("Two-factor off");
    await signInCard.getByRole("button", { name: "Remove Single sign-on identity" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await expect(signInCard.getByText("None: this account signs in with its password.")).toBeVisible();

    // Reset while the policy holds: the user must enrol again at their next page.
    await userPage.goto("/files");
    await expect(userPage).toHaveURL(SETUP);

    // Every step is in the audit log.
    const log = page.locator("main");
    for (const [group, actions] of [
      ["admin.policy", ["admin.policy.two_factor"]],
      ["auth.second_factor", ["auth.second_factor.enabled", "auth.second_factor.removed"]],
      ["admin.identity", ["admin.identity.remove"]],
    ] as const) {
      await page.goto(`/admin/audit?action=${group}`);
      for (const action of actions) await expect(log.getByText(action, { exact: true }).first()).toBeVisible();
    }
  } finally {
    // Back to optional for the journeys that follow (the admin has a second factor: not held back).
    const reset = await page.request.put("/api/admin/sign-in-policy", { data: { twoFactorRequired: "off" } });
    expect(reset.status()).toBe(200);
    await userContext.close();
  }
  // With the policy off again the user goes on without a second factor.
  const again = await browser.newContext({ baseURL });
  await signIn(await again.newPage(), user);
  await again.close();
});
