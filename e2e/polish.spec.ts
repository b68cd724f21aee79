// Everyday polish (issue 19): what a newcomer tripped over in the browser, each checked the way
// they met it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { fileRow, folderRow } from "./support/browse";
import { downloadedBytes, pathOf, sha, shareByApi, upload, visitor } from "./support/shares";

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("a share page counts down after each download and turns used up; a refused click says why, saving nothing", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("countdown"));
  const bytes = Buffer.from("the minutes of the meeting\n");
  const file = await upload(page, "minutes.txt", bytes, "text/plain");
  const { url } = await shareByApi(page, `/api/files/${file.id}/shares`, { maxDownloads: 2 });

  const guest = await visitor(browser);
  await guest.goto(pathOf(url));
  await expect(guest.getByTestId("share-downloads-left")).toHaveText("· 2 downloads left");
  const first = await downloadedBytes(guest, () => guest.getByRole("link", { name: /^Download/ }).click());
  expect(first.name).toBe("minutes.txt");
  expect(sha(first.bytes)).toBe(sha(bytes));
  // The page says what is left without a reload.
  await expect(guest.getByTestId("share-downloads-left")).toHaveText("· 1 download left");

  // Someone else takes the last one meanwhile: this page's click is refused in words, and no file is saved.
  const other = await visitor(browser);
  expect((await other.request.get(`${pathOf(url)}/download`, { maxRedirects: 0 })).status()).toBe(302);
  const downloads: string[] = [];
  guest.on("download", (d) => downloads.push(d.suggestedFilename()));
  await guest.getByRole("link", { name: /^Download/ }).click();
  await expect(guest.getByTestId("share-download-message")).toContainText("This link has been used up");
  await expect(guest.getByTestId("share-download-message")).toHaveAttribute("role", "alert");
  await expect(guest.getByTestId("share-downloads-left")).toHaveText("· 0 downloads left");
  expect(downloads).toEqual([]);

  // The last download turns the page into the used-up state at once.
  const { url: once } = await shareByApi(page, `/api/files/${file.id}/shares`, { maxDownloads: 1 });
  await guest.goto(pathOf(once));
  await expect(guest.getByTestId("share-downloads-left")).toHaveText("· 1 download left");
  const last = await downloadedBytes(guest, () => guest.getByRole("link", { name: /^Download/ }).click());
  expect(sha(last.bytes)).toBe(sha(bytes));
  await expect(guest.getByRole("heading", { name: "This link has been used up" })).toBeVisible();
  await expect(guest.getByText("It was the last one this link allowed.")).toBeVisible();
  await expect(guest.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  await guest.context().close();
  await other.context().close();
});

test("a folder link's Download all counts down like a single download; used up, it says so and saves nothing", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("zipcount"));
  const made = await page.request.post("/api/folders", { data: { name: "Minutes" } });
  const folder = (await made.json()).folder as { id: string };
  await upload(page, "monday.txt", Buffer.from("monday\n"), "text/plain", folder.id);
  const { url } = await shareByApi(page, `/api/folders/${folder.id}/shares`, { maxDownloads: 2 });

  const guest = await visitor(browser);
  await guest.goto(pathOf(url));
  await expect(guest.getByTestId("share-downloads-left")).toHaveText("· 2 downloads left");
  const zip = await downloadedBytes(guest, () => guest.getByRole("link", { name: "Download all" }).click());
  expect(zip.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(zip.bytes.includes(Buffer.from("monday.txt"))).toBe(true);
  await expect(guest.getByTestId("share-downloads-left")).toHaveText("· 1 download left");

  // Another visitor takes the last one: this page's Download all is refused in words, nothing is saved.
  const other = await visitor(browser);
  expect((await other.request.get(`${pathOf(url)}/zip`)).status()).toBe(200);
  const downloads: string[] = [];
  guest.on("download", (d) => downloads.push(d.suggestedFilename()));
  await guest.getByRole("link", { name: "Download all" }).click();
  await expect(guest.getByTestId("share-download-message")).toContainText("This link has been used up");
  await expect(guest.getByTestId("share-downloads-left")).toHaveText("· 0 downloads left");
  expect(downloads).toEqual([]);
  await guest.context().close();
  await other.context().close();
});

test("an empty text file previews as empty; a disabled Previous looks disabled", async ({ page }) => {
  await signUp(page, newAccount("empty"));
  await upload(page, "a-empty.txt", new Uint8Array(0), "text/plain");
  await upload(page, "b-notes.txt", Buffer.from("notes\n"), "text/plain");
  await page.reload();
  await fileRow(page, "a-empty.txt").dblclick();
  const dialog = page.getByRole("dialog", { name: "a-empty.txt" });
  await expect(dialog.getByTestId("preview-text")).toBeVisible();
  await expect(dialog.getByText("This file is empty.")).toBeVisible();
  await expect(dialog.getByText("The text could not be loaded.")).toHaveCount(0);

  const previous = dialog.getByRole("button", { name: "Previous" });
  await expect(previous).toBeDisabled();
  const faded = (locator: typeof previous) => locator.evaluate((el) => Number(getComputedStyle(el).opacity));
  expect(await faded(previous)).toBeLessThan(0.75);
  expect(await faded(dialog.getByRole("button", { name: "Next" }))).toBe(1);
});

test("a taken name is said beside the name: New folder keeps the dialog, rename keeps what was typed", async ({
  page,
}) => {
  await signUp(page, newAccount("clash"));
  await upload(page, "report.txt", Buffer.from("r"), "text/plain");
  await upload(page, "summary.txt", Buffer.from("s"), "text/plain");
  const created = await page.request.post("/api/folders", { data: { name: "Docs" } });
  expect(created.status()).toBe(201);
  const again = await page.request.post("/api/folders", { data: { name: "Docs" } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toMatchObject({ code: "conflict", field: "name" });
  await page.reload();

  await page.getByRole("button", { name: "New folder" }).click();
  const dialog = page.getByRole("dialog", { name: "New folder" });
  await dialog.getByLabel("Folder name").fill("Docs");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByLabel("Folder name")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText('A folder named "Docs" already exists here.')).toBeVisible();
  await expect(dialog.getByLabel("Folder name")).toHaveValue("Docs");
  await dialog.getByLabel("Folder name").fill("Docs 2");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(folderRow(page, "Docs 2")).toBeVisible();

  await fileRow(page, "summary.txt").click();
  await page.keyboard.press("F2");
  const field = page.getByLabel("New name for summary.txt");
  await field.fill("report.txt");
  await field.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "already exists" })).toHaveText(
    'A file named "report.txt" already exists here.',
  );
  await expect(page.getByLabel("New name for summary.txt")).toHaveValue("report.txt");
  await expect(page.getByLabel("New name for summary.txt")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("final report.txt");
  await page.keyboard.press("Enter");
  await expect(fileRow(page, "final report.txt")).toBeVisible();
});

test("keyboard only: the list in two keys, a folder opens and Backspace goes back with the focus on the list", async ({
  page,
}) => {
  await signUp(page, newAccount("keyboard"));
  const folder = await page.request.post("/api/folders", { data: { name: "Projects" } });
  const projects = (await folder.json()).folder as { id: string };
  await page.request.post("/api/folders", { data: { name: "Plans", parentId: projects.id } });
  await upload(page, "notes.txt", Buffer.from("n"), "text/plain", projects.id);
  await page.goto("/files");
  await expect(folderRow(page, "Projects")).toBeVisible();

  // Tab reaches "Skip to content", Enter lands on the list itself.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const root = page.getByRole("grid", { name: "My files" });
  await expect(root).toBeFocused();

  await page.keyboard.press("Enter"); // the focused entry: Projects
  await expect(heading(page)).toHaveText("Projects");
  const inside = page.getByRole("grid", { name: "Contents of Projects" });
  await expect(inside).toBeFocused();
  await page.keyboard.press("Enter"); // Plans
  await expect(heading(page)).toHaveText("Plans");
  await expect(page.getByTestId("files-empty")).toBeVisible();
  // An empty folder has no list: the heading takes the focus, and Backspace works from there too.
  await expect(heading(page)).toBeFocused();
  await page.keyboard.press("Backspace");
  await expect(heading(page)).toHaveText("Projects");
  await expect(inside).toBeFocused();

  await page.keyboard.press("Backspace");
  await expect(heading(page)).toHaveText("My files");
  await expect(root).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(inside).toBeFocused();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(root).toBeFocused();
  await expect(page).toHaveURL(/\/files$/);

  // Rename and move a file, still without the mouse: F2 on it, then its menu's Move… to My files.
  await page.keyboard.press("Enter");
  await expect(inside).toBeFocused();
  await page.keyboard.press("ArrowDown"); // Plans, then notes.txt
  await page.keyboard.press("F2");
  const field = page.getByRole("textbox", { name: "New name for notes.txt" });
  await expect(field).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("minutes.txt");
  await page.keyboard.press("Enter");
  await expect(fileRow(page, "minutes.txt")).toBeVisible();
  await expect(inside).toBeFocused();
  await page.keyboard.press("Shift+F10");
  const moveItem = page.getByRole("menuitem", { name: "Move…" });
  await pressUntilFocused(page, "ArrowDown", moveItem);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Move “minutes.txt”" });
  await pressUntilFocused(page, "Tab", dialog.getByRole("button", { name: "My files", exact: true }));
  await page.keyboard.press("Enter");
  await pressUntilFocused(page, "Tab", dialog.getByRole("button", { name: "Move here" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(fileRow(page, "minutes.txt")).toHaveCount(0);
  await page.keyboard.press("Backspace");
  await expect(root).toBeFocused();
  await expect(fileRow(page, "minutes.txt")).toBeVisible();

  // Tab out of the list lands on the control after it, not on <body>; it takes the focus to the heading.
  await page.keyboard.press("Tab");
  const toTop = page.getByRole("button", { name: "Back to top" });
  await expect(toTop).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(heading(page)).toBeFocused();
});

/** Presses `key` until `target` has the focus (at most 12 times): keyboard-only, wherever it starts. */
async function pressUntilFocused(page: Page, key: string, target: ReturnType<Page["locator"]>) {
  for (let i = 0; i < 12; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test("search stays while selecting; Upload folder keeps the picked folder's structure", async ({ page }) => {
  await signUp(page, newAccount("select"));
  await upload(page, "alpha.txt", Buffer.from("a"), "text/plain");
  await upload(page, "beta.txt", Buffer.from("b"), "text/plain");
  await page.reload();
  const search = page.getByRole("searchbox", { name: "Search all files" });
  await search.fill("alpha");
  await expect(page.getByTestId("file-row")).toHaveCount(1);
  await fileRow(page, "alpha.txt").click();
  await expect(page.getByTestId("selection-bar")).toContainText("1 selected");
  await expect(search).toBeVisible();
  await expect(search).toHaveValue("alpha");
  await search.fill("");
  await expect(page.getByTestId("file-row")).toHaveCount(2);

  // The folder picker gives each file its path inside the picked folder (webkitRelativePath).
  const picked = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stowage-pick-")), "album");
  fs.mkdirSync(picked);
  fs.writeFileSync(path.join(picked, "one.txt"), "1");
  await page.getByTestId("upload-folder-input").setInputFiles(picked);
  await page.keyboard.press("Escape");
  await expect(folderRow(page, "album")).toBeVisible({ timeout: 20_000 });
  await folderRow(page, "album").dblclick();
  await expect(fileRow(page, "one.txt")).toBeVisible({ timeout: 20_000 });
});

test("the trash page has the usage meter, and the meter says how much the trash holds", async ({ page }) => {
  await signUp(page, newAccount("trashmeter"));
  const kept = await upload(page, "kept.txt", Buffer.alloc(3000, 1), "text/plain");
  const binned = await upload(page, "old draft.txt", Buffer.alloc(2048, 2), "text/plain");
  expect((await page.request.delete(`/api/files/${binned.id}`)).status()).toBe(204);
  await page.goto("/trash");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trash");
  await expect(page.getByTestId("usage")).toContainText("4.9 KiB"); // both files still count
  await expect(page.getByTestId("usage-trash")).toHaveText("2 KiB in the trash");
  await page.goto("/files");
  await expect(page.getByTestId("usage-trash")).toHaveText("2 KiB in the trash");
  expect(kept.name).toBe("kept.txt");
});
