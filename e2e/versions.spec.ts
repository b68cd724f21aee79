// Versions in the browser: a file replaced twice through "Replace or keep both?", its versions listed,
// the first restored byte-identical; "Keep both" still gives " (1)". axe checks both dialogs.
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { dropFiles, fileRow, waitForUploads } from "./support/browse";

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).include("dialog[open]").analyze();
  const serious = results.violations.filter((v) => v.impact !== "minor");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** The bytes the file downloads as now, through the app's own download route (cookies of the page). */
async function currentSha(page: Page, name: string) {
  const list = await (await page.request.get("/api/files")).json();
  const file = list.items.find((f: { name: string }) => f.name === name);
  const response = await page.request.get(`/api/files/${file.id}/download`);
  expect(response.status()).toBe(200);
  return sha256(await response.body());
}

test("a file replaced twice, its versions listed, the first restored byte-identical", async ({ page }) => {
  const account = newAccount("versions");
  await signUp(page, account);
  const first = (await dropFiles(page, [{ path: "notes.txt", size: 1200, seed: 1 }]))["notes.txt"];
  await waitForUploads(page, 1);
  await expect(fileRow(page, "notes.txt")).toBeVisible();

  // Same name again: asked first; Replace.
  const second = (await dropFiles(page, [{ path: "notes.txt", size: 2300, seed: 2 }]))["notes.txt"];
  const ask = page.getByRole("dialog", { name: "“notes.txt” already exists" });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText("Replace or keep both?");
  await axeClean(page);
  await ask.getByRole("button", { name: "Replace" }).click();
  await waitForUploads(page, 2);
  await dropFiles(page, [{ path: "notes.txt", size: 3400, seed: 3 }]);
  await ask.getByRole("button", { name: "Replace" }).click();
  await waitForUploads(page, 3);
  await expect(page.getByTestId("file-row")).toHaveCount(1);
  await expect(fileRow(page, "notes.txt")).toContainText("3.3 KiB");
  await expect(page.getByTestId("usage-versions")).toContainText("3.4 KiB in older versions");

  // The list: newest first, who and how big.
  await fileRow(page, "notes.txt").getByRole("button", { name: "Actions for notes.txt" }).click();
  await page.getByRole("menuitem", { name: "Versions…" }).click();
  const dialog = page.getByRole("dialog", { name: "Versions of “notes.txt”" });
  const rows = dialog.getByTestId("version");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("2.2 KiB");
  await expect(rows.nth(1)).toContainText("1.2 KiB");
  await expect(rows.nth(1)).toContainText(account.name);
  await axeClean(page);

  // A version downloads as it was.
  const href = await rows
    .nth(0)
    .getByRole("link", { name: /^Download the version/ })
    .getAttribute("href");
  expect(sha256(await (await page.request.get(href!)).body())).toBe(second);

  // Restore the first: the file is byte-identical to it, and the current bytes became a version.
  await rows.nth(1).getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Restored the earlier version of “notes.txt”")).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("3.3 KiB");
  expect(await currentSha(page, "notes.txt")).toBe(first);
  await dialog.getByRole("button", { name: "Close" }).first().click();
  await expect(fileRow(page, "notes.txt")).toContainText("1.2 KiB");

  // Keep both: the new one gets " (1)".
  await dropFiles(page, [{ path: "notes.txt", size: 100, seed: 4 }]);
  await ask.getByRole("button", { name: "Keep both" }).click();
  await expect(fileRow(page, "notes (1).txt")).toBeVisible();
});
