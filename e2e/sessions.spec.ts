// Sign out everywhere ends a copied session cookie too (issue 12, finding 8), on the production
// server; the API answers every request with its X-Request-Id. Sessions are kept on the server: one
// can be ended from the settings page, and signing out ends a copied cookie too (item 8).
import { expect, test } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./support/auth";

const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

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

test("a session ended from the settings page is signed out on its next request; signing out ends a copied cookie", async ({
  browser,
  baseURL,
}) => {
  const account = newAccount("two-browsers");
  const laptop = await browser.newContext({ baseURL });
  const laptopPage = await laptop.newPage();
  await signUp(laptopPage, account);
  const phone = await browser.newContext({ baseURL, userAgent: IPHONE_SAFARI });
  const phonePage = await phone.newPage();
  await signIn(phonePage, account);

  await laptopPage.goto("/settings/tokens");
  const rows = laptopPage.getByRole("list", { name: "Sessions" }).getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  const current = rows.filter({ hasText: "This device" });
  await expect(current).toHaveCount(1);
  await expect(current.getByRole("button")).toHaveCount(0); // this browser signs out from the menu
  await rows.getByRole("button", { name: "End session: Safari on iPhone" }).click();
  await expect(laptopPage.getByText("Session ended")).toBeVisible();
  await expect(rows).toHaveCount(1);

  expect((await phone.request.get("/api/me")).status()).toBe(401);
  await phonePage.goto("/files");
  await expect(phonePage).toHaveURL(/\/signin/);

  // Signing out ends the session on the server: a copy of its cookie taken before stops working too.
  const copy = await browser.newContext({ baseURL });
  await copy.addCookies(await laptop.cookies());
  expect((await copy.request.get("/api/me")).status()).toBe(200);
  await signOut(laptopPage);
  expect((await copy.request.get("/api/me")).status()).toBe(401);
  await Promise.all([laptop.close(), phone.close(), copy.close()]);
});
