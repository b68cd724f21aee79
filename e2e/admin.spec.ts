import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { newAccount, signIn, signUp } from "./support/auth";
import { dropGeneratedFiles } from "./support/files";

const MiB = 1024 * 1024;

// The console does not depend on the storage driver; the upload journeys run on both in upload.spec.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "local", "driver-independent"));

/** Makes an account an admin the way an operator would: `npm run admin -- promote` on the server's database. */
function promote(baseURL: string, email: string) {
  const port = new URL(baseURL).port;
  const { dataDir, databaseUrl } = JSON.parse(fs.readFileSync(path.join(".tmp", `e2e-server-${port}.json`), "utf8"));
  execFileSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", "promote", email], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    stdio: "pipe",
  });
}

async function adminPage(
  browser: Browser,
  baseURL: string,
  options: { colorScheme?: "light" | "dark"; viewport?: { width: number; height: number } } = {},
) {
  const context = await browser.newContext({
    baseURL,
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const admin = newAccount("admin");
  await signUp(page, admin);
  promote(baseURL, admin.email);
  await page.reload(); // the page was drawn before the promotion
  return { page, admin };
}

async function openConsoleFromMenu(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Admin console" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Admin console" })).toBeVisible();
}

/** axe with the project's extra check that a control's name contains its visible text (as e2e/a11y.spec.ts). */
function axe(page: Page) {
  return new AxeBuilder({ page }).options({ rules: { "label-content-name-mismatch": { enabled: true } } }).analyze();
}

function userRow(page: Page, email: string) {
  return page.getByTestId("admin-user-row").filter({ has: page.getByRole("link", { name: email, exact: true }) });
}

test("a user uploads, the admin sees it, lowers the quota, and the user's next upload is refused", async ({
  page,
  browser,
  baseURL,
}) => {
  const user = newAccount("uploader");
  await signUp(page, user);
  await dropGeneratedFiles(page, [{ name: "big.bin", size: 3 * MiB, type: "application/octet-stream", seed: 11 }]);
  await expect(page.getByTestId("file-row")).toHaveCount(1, { timeout: 30_000 });

  const { page: admin } = await adminPage(browser, baseURL!);
  await openConsoleFromMenu(admin);
  await admin.getByLabel("Search users by email or name").fill(user.email);
  const row = userRow(admin, user.email);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("usage-text")).toHaveText("3 MiB of 100 MiB · 3 %");

  await row.getByRole("button", { name: `Edit quota for ${user.email}` }).click();
  await row.getByLabel(`Quota for ${user.email}`).selectOption("custom");
  await row.getByLabel(`Quota size for ${user.email}`).fill("2");
  await row.getByLabel(`Quota unit for ${user.email}`).selectOption("MiB");
  await row.getByRole("button", { name: "Save" }).click();
  // Below what they already store: the admin is asked first.
  const confirm = admin.getByRole("dialog", { name: "Set a quota below current usage?" });
  await expect(confirm).toContainText("already stores 3 MiB");
  await confirm.getByRole("button", { name: "Lower quota" }).click();
  await expect(row.getByTestId("usage-text")).toHaveText("3 MiB of 2 MiB · 150 %");

  await page.reload();
  await dropGeneratedFiles(page, [{ name: "more.bin", size: 100 * 1024, type: "application/octet-stream", seed: 12 }]);
  const upload = page.getByTestId("upload-row").filter({ hasText: "more.bin" });
  await expect(upload).toHaveAttribute("data-status", "failed");
  await expect(upload).toContainText(/Not enough space/);
  await expect(page.getByTestId("usage")).toContainText("3 MiB of 2 MiB");
});

test("the admin adds a user, who sets a password from the one-time link and signs in", async ({
  page,
  browser,
  baseURL,
}) => {
  const { page: admin } = await adminPage(browser, baseURL!);
  await admin.goto("/admin");
  await admin.getByRole("button", { name: "Add user" }).click();
  const dialog = admin.getByRole("dialog", { name: "Add user" });
  const invited = newAccount("invited");
  await dialog.getByLabel("Email").fill(invited.email);
  await dialog.getByLabel("Name (optional)").fill("Invited Person");
  await dialog.getByRole("button", { name: "Add user" }).click();
  const done = admin.getByRole("dialog", { name: "User added" });
  const link = await done.getByLabel("One-time set-password link").inputValue();
  expect(link).toMatch(/\/set-password\/[\w-]{43}$/);
  await done.getByRole("button", { name: "Done" }).click();
  await admin.getByLabel("Search users by email or name").fill("Invited Person");
  await expect(userRow(admin, invited.email)).toHaveCount(1);

  await page.goto(link);
  await expect(page.getByText(`For ${invited.email}`)).toBeVisible();
  await page.getByLabel("New password").fill(invited.password);
  await page.getByLabel("Repeat password").fill(invited.password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { name: "Password set" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await signIn(page, invited);
  await expect(page.getByRole("heading", { name: "My files" })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByTestId("set-password-problem")).toContainText("already been used");
});

test("the console in light, dark and on a phone: no serious accessibility violations, screenshots for the docs", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000); // four pages, each analysed by axe, on a shared machine
  const { page } = await adminPage(browser, baseURL!);
  // Some usage to show: two more accounts with files.
  for (const [i, size] of [5 * MiB, 2 * MiB].entries()) {
    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    await signUp(other, newAccount(`member${i}`));
    await dropGeneratedFiles(other, [{ name: `data${i}.bin`, size, type: "application/octet-stream", seed: 20 + i }]);
    await expect(other.getByTestId("file-row")).toHaveCount(1, { timeout: 30_000 });
    await context.close();
  }
  const shots: [string, { colorScheme: "light" | "dark"; viewport: { width: number; height: number } }][] = [
    ["admin-console.png", { colorScheme: "light", viewport: { width: 1280, height: 800 } }],
    ["admin-console-dark.png", { colorScheme: "dark", viewport: { width: 1280, height: 800 } }],
    ["admin-console-phone.png", { colorScheme: "light", viewport: { width: 390, height: 844 } }],
  ];
  for (const [file, options] of shots) {
    const context = await browser.newContext({
      baseURL,
      ...options,
      storageState: await page.context().storageState(),
    });
    const view = await context.newPage();
    await view.goto("/admin");
    // Generous: a fresh context's first page load on a busy shared machine can take a while.
    await expect(view.getByTestId("admin-user-row").first()).toBeVisible({ timeout: 30_000 });
    await expect(view.getByTestId("usage-chart")).toBeVisible({ timeout: 30_000 });
    const results = await axe(view);
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      file,
    ).toEqual([]);
    await view.screenshot({ path: path.join("docs", file), fullPage: true });
    await context.close();
  }

  // The drill-down of the heaviest account.
  await page.goto("/admin");
  await page.getByTestId("admin-user-row").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Largest files" })).toBeVisible();
  await expect(page.getByTestId("breakdown-row").filter({ hasText: "Other" })).toContainText("5 MiB · 1 file");
  const results = await axe(page);
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
  await page.screenshot({ path: path.join("docs", "admin-user.png"), fullPage: true });
});

test("non-admins get no console: the page is not found and the API answers 403", async ({ page }) => {
  await signUp(page, newAccount("plain"));
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Admin console" })).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  expect((await page.request.get("/api/admin/usage")).status()).toBe(403);
});
