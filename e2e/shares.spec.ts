// Share links in a real browser: the owner makes a link, a visitor with no account uses it.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import {
  downloadedBytes,
  expectNoSeriousAxe,
  pathOf,
  png,
  sha,
  shareByApi,
  submitPassword,
  upload,
  visitor,
} from "./support/shares";
import { screenshotPath } from "./support/screenshots";

test("the owner shares a file from the browser; a visitor without an account downloads the same bytes", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("sharer"));
  const bytes = crypto.randomBytes(50_000);
  await upload(page, "quarterly report.bin", bytes, "application/octet-stream");
  await page.reload();

  await page.getByRole("button", { name: "Actions for quarterly report.bin" }).click();
  await page.getByRole("menuitem", { name: "Share…" }).click();
  const dialog = page.getByRole("dialog", { name: "Share “quarterly report.bin”" });
  await dialog.getByText("1 day", { exact: true }).click();
  await dialog.getByLabel("Limit downloads").check();
  await dialog.getByLabel("Maximum downloads").fill("3");
  await expectNoSeriousAxe(page);
  await page.screenshot({ path: ".tmp/share-dialog.png" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Share link").inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9._-]{40,}$/);
  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  await page.screenshot({ path: ".tmp/share-dialog-created.png" });

  const guest = await visitor(browser);
  await guest.goto(pathOf(link));
  await expect(guest.getByRole("heading", { name: "quarterly report.bin" })).toBeVisible();
  await expect(guest.getByText(/Link expires in (23 hours|24 hours|1 day)/)).toBeVisible();
  await expect(guest.getByText("3 downloads left")).toBeVisible();
  const got = await downloadedBytes(guest, () => guest.getByRole("link", { name: /^Download/ }).click());
  expect(got.name).toBe("quarterly report.bin");
  expect(sha(got.bytes)).toBe(sha(bytes));

  // Opening Share again offers the same link to copy.
  await dialog.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Actions for quarterly report.bin" }).click();
  await page.getByRole("menuitem", { name: "Share…" }).click();
  await expect(dialog.getByRole("heading", { name: "Links that work now" })).toBeVisible();
  await expect(dialog.getByRole("textbox", { name: /^Link expiring/ })).toHaveValue(link);
  await expect(dialog.getByText("1 download of 3")).toBeVisible();
  await page.keyboard.press("Escape");

  // The owner sees the download counted on the Shared links page.
  await page.getByRole("link", { name: "Shared links" }).click();
  const row = page.getByTestId("shared-link").filter({ hasText: "quarterly report.bin" });
  await expect(row).toContainText("1 of 3 downloads");
  await expect(row).toContainText("Active");
  await guest.context().close();
});

test("a password-protected link asks for the password, and says so when guessing is rate-limited", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("locker"));
  const bytes = crypto.randomBytes(3000);
  const file = await upload(page, "secret plans.txt", bytes, "text/plain");
  const { url } = await shareByApi(page, `/api/files/${file.id}/shares`, { password: "correct horse" });

  // With JavaScript off: the password form and the download are plain HTML.
  const guest = await visitor(browser, { javaScriptEnabled: false });
  await guest.goto(pathOf(url));
  await expect(guest.getByRole("heading", { name: "This link is protected" })).toBeVisible();
  await expect(guest.getByText("secret plans.txt")).toHaveCount(0);
  await submitPassword(guest, "wrong guess");
  await expect(guest.getByText("That password is not right. Try again.")).toBeVisible();
  await submitPassword(guest, "correct horse");
  await expect(guest.getByRole("heading", { name: "secret plans.txt" })).toBeVisible();
  const got = await downloadedBytes(guest, () => guest.getByRole("link", { name: /^Download/ }).click());
  expect(sha(got.bytes)).toBe(sha(bytes));

  const guesser = await visitor(browser);
  await guesser.goto(pathOf(url));
  for (let i = 0; i < 10; i++) {
    await submitPassword(guesser, `guess ${i}`);
    await expect(guesser.getByText("That password is not right. Try again.")).toBeVisible();
  }
  await submitPassword(guesser, "correct horse");
  await expect(guesser.getByText(/Too many wrong passwords\. Try again in 15 minutes\./)).toBeVisible();
  await guest.context().close();
  await guesser.context().close();
});

test("a folder link is browsable read-only, each file downloads, and Download all streams a zip", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("folders"));
  const folder = async (name: string, parentId?: string) => {
    const res = await page.request.post("/api/folders", { data: { name, ...(parentId ? { parentId } : {}) } });
    expect(res.status()).toBe(201);
    return (await res.json()).folder as { id: string };
  };
  const holiday = await folder("Holiday");
  const day1 = await folder("Day 1", holiday.id);
  const elsewhere = await folder("Private");
  const notes = Buffer.from("packing list: towel");
  const beach = crypto.randomBytes(20_000);
  await upload(page, "notes.txt", notes, "text/plain", holiday.id);
  await upload(page, "beach.bin", beach, "application/octet-stream", day1.id);
  const secret = await upload(page, "diary.txt", Buffer.from("private"), "text/plain", elsewhere.id);
  const { url } = await shareByApi(page, `/api/folders/${holiday.id}/shares`);

  const guest = await visitor(browser);
  await guest.goto(pathOf(url));
  await expect(guest.getByRole("heading", { name: "Holiday" })).toBeVisible();
  await expect(guest.getByRole("link", { name: "Download notes.txt" })).toBeVisible();
  await guest.screenshot({ path: screenshotPath("share-folder-desktop.png") });
  await expectNoSeriousAxe(guest);
  await guest.getByRole("link", { name: "Day 1" }).click();
  await expect(guest.getByRole("heading", { name: "Day 1" })).toBeVisible();
  const got = await downloadedBytes(guest, () => guest.getByRole("link", { name: /^Download beach\.bin/ }).click());
  expect(sha(got.bytes)).toBe(sha(beach));
  await guest.getByRole("navigation", { name: "Folder path" }).getByRole("link", { name: "Holiday" }).click();
  const zip = await downloadedBytes(guest, () => guest.getByRole("link", { name: "Download all" }).click());
  expect(zip.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(zip.bytes.includes(Buffer.from("notes.txt"))).toBe(true);
  expect(zip.bytes.includes(Buffer.from("beach.bin"))).toBe(true);
  expect(zip.bytes.includes(Buffer.from("diary.txt"))).toBe(false);

  // Nothing outside the folder is reachable by id.
  expect((await guest.request.get(`${pathOf(url)}/download?file=${secret.id}`, { maxRedirects: 0 })).status()).toBe(
    404,
  );
  expect((await guest.goto(`${pathOf(url)}?folder=${elsewhere.id}`))?.status()).toBe(404);
  const list = await (await page.request.get("/api/shares")).json();
  expect(list.items[0]).toMatchObject({ folder: { name: "Holiday" }, downloadCount: 2 });
  await guest.context().close();
});

test("the owner edits a link on the Shared links page, then revokes it: the visitor is told it was turned off", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("revoker"));
  const file = await upload(page, "draft.txt", Buffer.from("first draft"), "text/plain");
  const { url } = await shareByApi(page, `/api/files/${file.id}/shares`);
  const guest = await visitor(browser, { colorScheme: "dark" });
  await guest.goto(pathOf(url));
  await expect(guest.getByText("first draft")).toBeVisible();

  await page.goto("/shared");
  await page.getByRole("button", { name: "Edit link to draft.txt" }).click();
  const edit = page.getByRole("dialog", { name: "Edit link to “draft.txt”" });
  await edit.getByLabel("Require a password").check();
  await edit.getByLabel("Link password").fill("new secret");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Link updated")).toBeVisible();
  const row = page.getByTestId("shared-link").filter({ hasText: "draft.txt" });
  await expect(row.getByLabel("Password protected")).toBeVisible();
  await guest.reload();
  await expect(guest.getByRole("heading", { name: "This link is protected" })).toBeVisible();
  await expectNoSeriousAxe(guest);
  await guest.screenshot({ path: ".tmp/share-password-dark.png" });

  await page.getByRole("button", { name: "Revoke link to draft.txt" }).click();
  await page.getByRole("dialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByTestId("shared-link").filter({ hasText: "draft.txt" })).toContainText("Revoked");

  await guest.reload();
  await expect(guest.getByRole("heading", { name: "This link was turned off" })).toBeVisible();
  await expectNoSeriousAxe(guest);
  await guest.screenshot({ path: ".tmp/share-revoked-dark.png" });
  const direct = await guest.request.get(`${pathOf(url)}/download`, { maxRedirects: 0 });
  expect(direct.status()).toBe(410);
  const unknown = await guest.goto(`${pathOf(url)}x`);
  expect(unknown?.status()).toBe(404);
  await expect(guest.getByRole("heading", { name: "This link does not exist" })).toBeVisible();
  await guest.context().close();
});

test("the public page: headers, screenshots (desktop, phone, dark) and no serious axe findings", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("shower"));
  const file = await upload(page, "harbour at dusk.png", png(960, 540), "image/png");
  // No download limit: a limited link's page embeds no preview (a preview would count as a download).
  const { url } = await shareByApi(page, `/api/files/${file.id}/shares`, { expiresIn: 3 * 86400 });

  const shots = [
    { name: "share-page-desktop", viewport: { width: 1280, height: 800 }, colorScheme: "light" as const },
    { name: "share-page-phone", viewport: { width: 390, height: 844 }, colorScheme: "light" as const },
    { name: "share-page-dark", viewport: { width: 1280, height: 800 }, colorScheme: "dark" as const },
  ];
  for (const shot of shots) {
    const guest = await visitor(browser, { viewport: shot.viewport, colorScheme: shot.colorScheme });
    const response = await guest.goto(pathOf(url));
    expect(response?.headers()["x-robots-tag"]).toContain("noindex");
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    await expect(guest.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await expect(guest.getByRole("img", { name: "Preview of harbour at dusk.png" })).toBeVisible();
    await expect.poll(() => guest.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
    await expect(guest.getByText(/example\.com/)).toHaveCount(0);
    await guest.screenshot({ path: screenshotPath(`${shot.name}.png`) });
    await expectNoSeriousAxe(guest);
    await guest.context().close();
  }
  // Looking is free: the previews counted no download.
  const list = await (await page.request.get("/api/shares")).json();
  expect(list.items[0].downloadCount).toBe(0);

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/shared");
    await expect(page.getByTestId("shared-link")).toHaveCount(1);
    await expectNoSeriousAxe(page);
  }
  await page.screenshot({ path: ".tmp/shared-links-dark.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: ".tmp/shared-links-phone.png" });
});
