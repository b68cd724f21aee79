// The README's screenshots, from the demo account (e2e/support/demo.ts) on a fresh server:
// `npm run screenshots` (builds, then runs only this file with STOWAGE_DOC_SCREENSHOTS=1, writing
// docs/*.png). Skipped in a plain test run: the journeys check these pages; this only pictures them.
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { fileRow, folderRow } from "./support/browse";
import { DEMO_OWNER, seedDemo } from "./support/demo";
import { pathOf, shareByApi } from "./support/shares";

test.skip(process.env.STOWAGE_DOC_SCREENSHOTS !== "1", "run by npm run screenshots");
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "local", "one server is enough"));

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DARK = { colorScheme: "dark" as const };
const shot = (file: string) => path.join("docs", file);

/** Makes the demo owner an admin the way an operator would (`npm run admin -- promote`). */
function promote(baseURL: string, email: string) {
  const port = new URL(baseURL).port;
  const { dataDir, databaseUrl } = JSON.parse(fs.readFileSync(path.join(".tmp", `e2e-server-${port}.json`), "utf8"));
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", "promote", email], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
}

/** Upload times spread over the past weeks, as a real account's are (written straight into the server's SQLite file). */
function backdate(baseURL: string) {
  const port = new URL(baseURL).port;
  const { databaseUrl } = JSON.parse(fs.readFileSync(path.join(".tmp", `e2e-server-${port}.json`), "utf8"));
  if (!String(databaseUrl).startsWith("file:")) return;
  const db = new Database(String(databaseUrl).slice("file:".length));
  const files = db.prepare(`SELECT "id" FROM "File" ORDER BY "createdAt", "id"`).all() as { id: string }[];
  const update = db.prepare(`UPDATE "File" SET "createdAt" = ? WHERE "id" = ?`);
  const now = Date.now();
  files.forEach(({ id }, i) => {
    const at = new Date(now - (files.length - i) * 2.7 * 86_400_000 - i * 3_600_000);
    update.run(at.toISOString().replace("Z", "+00:00"), id);
  });
  // Folders were made before their files.
  db.prepare(`UPDATE "Folder" SET "createdAt" = ?`).run(
    new Date(now - 40 * 86_400_000).toISOString().replace("Z", "+00:00"),
  );
  db.close();
}

async function open(browser: Browser, page: Page, baseURL: string, options: BrowserContextOptions, url: string) {
  const context = await browser.newContext({
    ...options,
    baseURL,
    storageState: await page.context().storageState(),
  });
  const view = await context.newPage();
  await view.goto(url);
  return view;
}

test("the README's screenshots, from the demo account", async ({ page, browser, baseURL }) => {
  test.setTimeout(900_000); // seeding four accounts and waiting for the media queue, on a shared machine
  await page.setViewportSize(DESKTOP.viewport);
  const { family } = await seedDemo(page, browser, baseURL!);
  backdate(baseURL!);
  // The first account of a fresh server is its admin already; on any other, the operator's way.
  if ((await page.request.get("/api/admin/usage")).status() !== 200) promote(baseURL!, DEMO_OWNER.email);

  // My files: list, grid, a photo's preview, the trash.
  await page.goto("/files");
  await expect(fileRow(page, "Tram 28, Alfama.png")).toBeVisible();
  await page.screenshot({ path: shot("screenshot-list.png") });
  await page.getByRole("button", { name: "Grid view" }).click();
  // The server's media queue makes the thumbnails (it looks for new files every 30 s).
  for (const name of ["Tram 28, Alfama.png", "Sunset at Cabo da Roca.png"]) {
    await expect(async () => {
      await page.reload();
      await expect(fileRow(page, name).getByTestId("thumbnail")).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000 });
  }
  await page.screenshot({ path: shot("screenshot-grid.png") });
  await fileRow(page, "Sunset at Cabo da Roca.png").dblclick();
  await expect(page.getByTestId("preview-image")).toBeVisible();
  await expect
    .poll(() => page.getByTestId("preview-image").evaluate((img: HTMLImageElement) => img.complete))
    .toBe(true);
  await page.screenshot({ path: shot("screenshot-preview.png") });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Clear selection" }).click();
  await page.getByRole("button", { name: "List view" }).click();
  await page.goto("/trash");
  await expect(fileRow(page, "Passport scan 2019.pdf")).toBeVisible();
  await page.screenshot({ path: shot("screenshot-trash.png") });

  for (const [file, options] of [
    ["screenshot-phone.png", PHONE],
    ["screenshot-dark.png", { ...DESKTOP, ...DARK }],
    ["screenshot-phone-dark.png", { ...PHONE, ...DARK }],
  ] as const) {
    const view = await open(browser, page, baseURL!, options, "/files");
    await expect(folderRow(view, "Family photos")).toBeVisible();
    await view.screenshot({ path: shot(file) });
    await view.context().close();
  }

  // A shared file's page (no limit, so its preview shows) and a shared folder's, as a visitor sees them.
  const files = (await (await page.request.get("/api/files?q=Tram")).json()) as { items: { id: string }[] };
  const photo = await shareByApi(page, `/api/files/${files.items[0]!.id}/shares`, { expiresIn: 7 * 86400 });
  const album = await shareByApi(page, `/api/folders/${family}/shares`, { expiresIn: 14 * 86400, maxDownloads: 20 });
  for (const [file, options, url] of [
    ["share-page-desktop.png", DESKTOP, photo.url],
    ["share-page-phone.png", PHONE, photo.url],
    ["share-page-dark.png", { ...DESKTOP, ...DARK }, photo.url],
    ["share-folder-desktop.png", DESKTOP, album.url],
  ] as const) {
    const context = await browser.newContext({ ...options, baseURL });
    const guest = await context.newPage();
    await guest.goto(pathOf(url));
    await expect(guest.getByRole("heading", { level: 1 })).toBeVisible();
    await guest.screenshot({ path: shot(file) });
    await context.close();
  }

  // The admin console and one person's page.
  for (const [file, options] of [
    ["admin-console.png", DESKTOP],
    ["admin-console-dark.png", { ...DESKTOP, ...DARK }],
    ["admin-console-phone.png", PHONE],
  ] as const) {
    const view = await open(browser, page, baseURL!, options, "/admin");
    await expect(view.getByTestId("admin-user-row")).toHaveCount(4, { timeout: 30_000 });
    await expect(view.getByTestId("usage-chart")).toBeVisible({ timeout: 30_000 });
    await view.screenshot({ path: shot(file), fullPage: true });
    await view.context().close();
  }
  await page.goto("/admin");
  await page.getByRole("link", { name: "tomas.alvarez@example.org" }).click();
  await expect(page.getByRole("heading", { name: "Largest files" })).toBeVisible();
  await page.screenshot({ path: shot("admin-user.png"), fullPage: true });
});
