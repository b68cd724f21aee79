// The security findings a browser can see: every page runs under a strict Content-Security-Policy
// with no violation along the journeys (sign-up, sign-in, an upload straight to storage — the
// bucket on the s3 project —, previews, a share link's page, API tokens), and a stranger's guesses never lock the
// owner's browser out of sign-in.
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./support/auth";
import { pathOf, shareByApi } from "./support/shares";

/** Fails the test on any CSP violation the page reports in its console. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  return violations;
}

/** Draws a small PNG in the page and drops it on the files page, as a person would drop a photo. */
async function dropPng(page: Page, name: string): Promise<void> {
  await page.evaluate(async (fileName) => {
    const canvas = new OffscreenCanvas(64, 48);
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#4f46e5";
    context.fillRect(0, 0, 64, 48);
    const blob = await canvas.convertToBlob({ type: "image/png" });
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], fileName, { type: "image/png" }));
    const target = document.querySelector('[data-testid="dropzone"]')!;
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, name);
}

test("every page runs under a strict CSP with nonces, and no journey breaks it", async ({ page }) => {
  const violations = watchCsp(page);
  const account = newAccount("csp");

  const signInPage = await page.goto("/signin");
  const policy = signInPage!.headers()["content-security-policy"]!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  for (const part of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ]) {
    expect(policy).toContain(part);
  }
  // A fresh nonce per request; no HSTS on a plain-HTTP site.
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toBe(policy);
  expect(again.headers()["strict-transport-security"]).toBeUndefined();

  await signUp(page, account);
  await signOut(page);
  await signIn(page, account);

  await dropPng(page, "square.png");
  await expect(page.getByTestId("file-row").filter({ hasText: "square.png" })).toBeVisible({ timeout: 30_000 });
  const listing = await (await page.request.get("/api/files?sort=name")).json();
  const id = listing.items.find((f: { name: string }) => f.name === "square.png").id;

  // Previews load the bytes through the signed URL: from the app, or from the bucket.
  const previewed = await page.evaluate(async (src) => {
    // Listen before loading: a frame that loads before the image would otherwise be missed (the
    // blob answer refuses framing, X-Frame-Options: DENY, so the frame "loads" at once).
    const img = document.createElement("img");
    const imgLoaded = new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = reject;
    });
    const frame = document.createElement("iframe");
    const frameLoaded = new Promise((resolve) => (frame.onload = resolve));
    img.src = src;
    document.body.append(img);
    frame.src = src;
    document.body.append(frame);
    await Promise.all([imgLoaded, frameLoaded]);
    return img.naturalWidth;
  }, `/api/files/${id}/download?inline=1`);
  expect(previewed).toBe(64);

  // A share link's public page previews the image (from the app or the bucket) under the same policy.
  const { url } = await shareByApi(page, `/api/files/${id}/shares`);
  await page.goto(pathOf(url));
  await expect
    .poll(() =>
      page.getByRole("img", { name: "Preview of square.png" }).evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBe(64);

  await page.goto("/settings/tokens");
  await page.getByLabel("New token name").fill("csp check");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("csp check").first()).toBeVisible();

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a stranger's wrong passwords, whatever address they claim, never lock the owner's browser out", async ({
  page,
  playwright,
  baseURL,
}) => {
  const owner = newAccount("owner");
  await signUp(page, owner); // a password sign-in: this browser is now a known device of the account
  await signOut(page);

  const stranger = await playwright.request.newContext({ baseURL });
  const attempt = async (password: string, n: number) => {
    const { csrfToken } = await (await stranger.get("/api/auth/csrf")).json();
    const response = await stranger.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: owner.email, password, json: "true" },
      headers: { "X-Forwarded-For": `198.51.100.${n}`, "X-Stowage-Client-Address": `203.0.113.${n}` },
    });
    return String((await response.json()).url);
  };
  for (let i = 0; i < 11; i++) expect(await attempt(`guess ${i}`, i)).toContain("error=CredentialsSignin");
  // Too many for an unknown browser now, even with the right password...
  expect(await attempt(owner.password, 99)).toContain("error=TooManyAttempts");
  await stranger.dispose();
  // ...while the owner's own browser signs in at once.
  await signIn(page, owner);
});
