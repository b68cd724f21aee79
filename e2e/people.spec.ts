// Sharing with people in a real browser: an admin makes a group, the owner shares a folder with it
// as Editor, a member uploads into it and the owner's usage rises; the owner removes the access and
// the member's next request is refused.
import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { promote } from "./support/operator";
import { expectNoSeriousAxe } from "./support/shares";

async function person(browser: Browser, baseURL: string, prefix: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const account = newAccount(prefix);
  await signUp(page, account);
  return { page, account };
}

// The Editor's upload on the S3 driver is covered by lib/grants/grants.s3.test.ts; the browser part
// does not depend on the driver.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "local", "driver-independent UI"));

const usedBytes = async (page: Page) => (await (await page.request.get("/api/me")).json()).usage.usedBytes as number;

test("a folder shared with a group: a member uploads into it, the owner's usage rises, removal refuses the next request", async ({
  browser,
  baseURL,
}) => {
  const owner = await person(browser, baseURL!, "owner");
  const member = await person(browser, baseURL!, "member");
  const admin = await person(browser, baseURL!, "groupadmin");
  promote(baseURL!, admin.account.email);

  // The admin makes the group in the console and adds the member with the keyboard-usable picker.
  const groupName = `Design ${Date.now()}`;
  await admin.page.goto("/admin/groups");
  await admin.page.getByLabel("New group").fill(groupName);
  await admin.page.getByRole("button", { name: "Create group" }).click();
  await admin.page.getByRole("button", { name: "Edit members" }).last().click();
  await admin.page.getByLabel("Add a member").fill(member.account.email);
  await admin.page.getByRole("button", { name: new RegExp(member.account.email) }).click();
  await expect(admin.page.getByRole("list", { name: "Members" })).toContainText(member.account.email);
  await expectNoSeriousAxe(admin.page);

  // The owner shares a folder with the group as Editor from the row menu.
  const created = await owner.page.request.post("/api/folders", { data: { name: "Team space" } });
  const folder = (await created.json()).folder as { id: string };
  await owner.page.goto("/files");
  await owner.page.getByRole("button", { name: "Actions for Team space" }).click();
  await owner.page.getByRole("menuitem", { name: "Share with people…" }).click();
  const dialog = owner.page.getByRole("dialog", { name: "Share “Team space” with people" });
  await dialog.getByLabel("Role for new people").selectOption("EDITOR");
  await dialog.getByLabel("Add people or groups").fill(groupName);
  await dialog.getByRole("button", { name: new RegExp(groupName) }).click();
  await expect(dialog.getByRole("region", { name: "People with access" })).toContainText(`${groupName} (group)`);
  await expectNoSeriousAxe(owner.page);
  await owner.page.keyboard.press("Escape");
  const before = await usedBytes(owner.page);

  // The member finds it under "Shared with me" and uploads into it.
  await member.page.goto("/shared-with-me");
  await expectNoSeriousAxe(member.page);
  await member.page.getByRole("link", { name: "Team space" }).click();
  await expect(member.page.getByTestId("shared-note")).toContainText("Editor");
  const bytes = crypto.randomBytes(30_000);
  const chooser = member.page.waitForEvent("filechooser");
  await member.page.getByRole("button", { name: "Upload", exact: true }).click();
  await (await chooser).setFiles({ name: "sketch.bin", mimeType: "application/octet-stream", buffer: bytes });
  await expect(member.page.getByRole("button", { name: "Actions for sketch.bin" })).toBeVisible();
  await expect.poll(() => usedBytes(owner.page)).toBe(before + bytes.byteLength);
  expect(await usedBytes(member.page)).toBe(0);
  const listed = await (await owner.page.request.get(`/api/files?folderId=${folder.id}`)).json();
  expect(listed.items.map((f: { name: string }) => f.name)).toEqual(["sketch.bin"]);

  // The owner removes the group's access; the member's next request is refused.
  await owner.page.getByRole("button", { name: "Actions for Team space" }).click();
  await owner.page.getByRole("menuitem", { name: "Share with people…" }).click();
  await dialog.getByRole("button", { name: `Remove access of ${groupName} (group)` }).click();
  await expect(dialog.getByText("Only you. Add people above.")).toBeVisible();
  expect((await member.page.request.get(`/api/files?folderId=${folder.id}`)).status()).toBe(404);
  await member.page.reload();
  await expect(member.page.getByTestId("folder-missing")).toBeVisible();
});
