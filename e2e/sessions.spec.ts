// Sign out everywhere ends a copied session cookie too (issue 12, finding 8), on the production
// server; the API answers every request with its X-Request-Id.
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";

test("sign out everywhere ends every session of the account, a copied cookie included", async ({
  browser,
  baseURL,
}) => {
  const owner = await browser.newContext({ baseURL });
  const page = await owner.newPage();
  await signUp(page, newAccount("sessions"));

  // Someone copies the session cookie into another browser: it works there.
  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(await owner.cookies());
  const stolen = await thief.request.get("/api/me");
  expect(stolen.status()).toBe(200);
  expect(stolen.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);

  expect((await thief.request.get("/api/me")).status()).toBe(401);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/files");
  await expect(thiefPage).toHaveURL(/\/signin/);
  await owner.close();
  await thief.close();
});
