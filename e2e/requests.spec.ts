// File requests in the browser: the owner makes an upload-only link to a folder from its menu; a
// visitor on a phone-sized screen drops three files through it without seeing the folder; the owner
// then sees the badge count them, finds them in the folder (a clashing name as " (1)"), and revokes
// the link from the list of requests.
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { folderRow } from "./support/browse";
import { pathOf, upload, visitor } from "./support/shares";

test("a visitor drops three files through a file request on a phone without seeing the folder", async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount("requests"));
  const folder = (await (await page.request.post("/api/folders", { data: { name: "Client inbox" } })).json()).folder;
  await upload(page, "contract.pdf", Buffer.from("%PDF-1.4 already there"), "application/pdf", folder.id);
  await upload(page, "secret-plan.txt", Buffer.from("the owner's own notes"), "text/plain", folder.id);
  await page.reload();

  // The owner makes the link from the folder's menu.
  await folderRow(page, "Client inbox").getByRole("button", { name: "Actions for Client inbox" }).click();
  await page.getByRole("menuitem", { name: "Request files…" }).click();
  const dialog = page.getByRole("dialog", { name: "Request files into “Client inbox”" });
  await dialog.getByLabel("Message to the visitor").fill("Please send the signed contract and both IDs.");
  await dialog.getByLabel("At most (files)").fill("5");
  await dialog.getByRole("button", { name: "Make link" }).click();
  const url = await dialog.getByLabel("File request link").inputValue();
  expect(url).toMatch(/\/r\//);
  await dialog.getByRole("button", { name: "Done" }).click();

  // The visitor, on a phone, without an account.
  const phone = await visitor(browser, { viewport: { width: 390, height: 844 } });
  await phone.goto(pathOf(url));
  await expect(phone.getByRole("heading", { name: /asks you for files/ })).toBeVisible();
  await expect(phone.getByTestId("request-message")).toHaveText("Please send the signed contract and both IDs.");
  await expect(phone.getByText("5 files left", { exact: false })).toBeVisible();
  await phone.getByTestId("request-input").setInputFiles([
    { name: "contract.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 signed by the client") },
    { name: "id-front.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(2048, 7) },
    { name: "id-back.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(3072, 9) },
  ]);
  const sent = phone.getByTestId("sent-file");
  await expect(sent.and(phone.locator('[data-status="done"]'))).toHaveCount(3, { timeout: 30_000 });
  await expect(sent.filter({ hasText: "contract.pdf" })).toContainText("Sent as contract (1).pdf");
  // Nothing of the folder reaches the visitor: not its name, not the owner's files.
  const text = await phone.locator("body").innerText();
  expect(text).not.toContain("Client inbox");
  expect(text).not.toContain("secret-plan.txt");
  // The page fits the phone: no sideways scrolling.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.context().close();

  // The owner sees the arrivals: a badge in the header, the request's "new" count, then the folder.
  await page.reload();
  await expect(page.getByTestId("requests-badge")).toHaveText(/^3/);
  await page.getByRole("link", { name: /Shared links/ }).click();
  const row = page.getByTestId("file-request").filter({ hasText: "Client inbox" });
  await expect(row).toContainText("3 files received of 5");
  await expect(row).toContainText("3 new");
  await row.getByRole("link", { name: "Client inbox" }).click();
  await expect(page).toHaveURL(new RegExp(`/files/${folder.id}$`));
  for (const name of ["contract (1).pdf", "id-front.jpg", "id-back.jpg", "contract.pdf", "secret-plan.txt"]) {
    await expect(page.getByTestId("file-row").filter({ hasText: name }).first()).toBeVisible();
  }
  // Looked at: the badge is gone.
  await expect(page.getByTestId("requests-badge")).toHaveCount(0);
  expect((await (await page.request.get("/api/requests")).json()).items[0]).toMatchObject({
    fileCount: 3,
    unseenCount: 0,
  });

  // Revoked from the list: the link stops taking files at once.
  await page.getByRole("link", { name: /Shared links/ }).click();
  await row.getByRole("button", { name: "Revoke" }).click();
  await page
    .getByRole("dialog", { name: "Revoke this file request?" })
    .getByRole("button", { name: "Revoke request" })
    .click();
  await expect(row).toContainText("Revoked");
  const late = await visitor(browser);
  await late.goto(pathOf(url));
  await expect(late.getByRole("heading", { name: "This link no longer takes files" })).toBeVisible();
  await expect(late.getByText("This link was turned off by its owner.")).toBeVisible();
  await late.context().close();
});
