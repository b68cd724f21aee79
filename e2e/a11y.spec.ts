// axe on every page, light and dark, loaded and (for pages that fetch) loading: no moderate,
// serious or critical violation. Plus the keyboard paths
// axe cannot judge: the skip link and the account menu.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { pathOf, shareByApi, upload } from "./support/shares";

interface Checked {
  name: string;
  /** The page's path (a function: share links exist only once beforeAll made them). */
  path: string | (() => string);
  /** Signed in as a fresh account (the same one for every signed-in page). */
  signedIn: boolean;
  /** Waits until the page shows its content (and puts it in the state worth checking). */
  ready?: (page: Page) => Promise<void>;
  /**
   * Checks the page while it is still loading: requests to URLs matching this are held until axe
   * has run (then `ready` waits for the loading state instead).
   */
  holding?: (url: URL) => boolean;
}

/** The share links the public pages are checked with (made in beforeAll). */
const links = { file: "", folder: "", password: "", revoked: "", request: "" };

// Add a page here and it is checked in both colour schemes.
const PAGES: Checked[] = [
  {
    name: "sign-in",
    path: "/signin",
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "Sign in" })).toBeVisible(),
  },
  {
    name: "sign-up",
    path: "/signup",
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "Create your account" })).toBeVisible(),
  },
  {
    name: "404",
    path: "/no-such-page",
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "This page does not exist" })).toBeVisible(),
  },
  {
    name: "set-password, unusable link",
    path: "/set-password/not-a-token",
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "Link not usable" })).toBeVisible(),
  },
  {
    name: "files",
    path: "/files",
    signedIn: true,
    ready: (p) => expect(p.getByRole("heading", { name: "My files" })).toBeVisible(),
  },
  {
    name: "files, account menu open",
    path: "/files",
    signedIn: true,
    ready: async (p) => {
      await p.getByRole("button", { name: "account menu" }).click();
      await expect(p.getByRole("menu")).toBeVisible();
    },
  },
  {
    name: "your account",
    path: "/settings/account",
    signedIn: true,
    ready: async (p) => {
      await expect(p.getByRole("heading", { name: "Your account" })).toBeVisible();
      await expect(p.getByText("No app passwords yet.")).toBeVisible();
    },
  },
  {
    name: "shared links and file requests",
    path: "/shared",
    signedIn: true,
    ready: async (p) => {
      await expect(p.getByRole("heading", { name: "File requests" })).toBeVisible();
      await expect(p.getByTestId("file-request").first()).toBeVisible();
    },
  },
  {
    name: "shared with me, empty",
    path: "/shared-with-me",
    signedIn: true,
    ready: (p) => expect(p.getByText("Nothing is shared with you yet.")).toBeVisible(),
  },
  {
    name: "API tokens",
    path: "/settings/tokens",
    signedIn: true,
    ready: (p) => expect(p.getByRole("heading", { name: "API tokens" })).toBeVisible(),
  },
  {
    name: "API tokens, sign out everywhere dialog",
    path: "/settings/tokens",
    signedIn: true,
    ready: async (p) => {
      await p.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(p.getByRole("dialog", { name: "Sign out everywhere?" })).toBeVisible();
    },
  },
  {
    name: "API tokens, revoke dialog",
    path: "/settings/tokens",
    signedIn: true,
    ready: async (p) => {
      await p.getByLabel("New token name").fill(`a11y ${Date.now()}`);
      await p.getByRole("button", { name: "Create token" }).click();
      await p
        .getByRole("button", { name: /^Revoke a11y/ })
        .first()
        .click();
      await expect(p.getByRole("dialog")).toBeVisible();
    },
  },
  {
    name: "files, loading",
    path: "/files",
    signedIn: true,
    holding: (url) => url.pathname === "/api/files",
    ready: (p) => expect(p.getByTestId("file-row-skeleton").first()).toBeVisible(),
  },
  {
    name: "API tokens, loading",
    path: "/settings/tokens",
    signedIn: true,
    holding: (url) => url.pathname === "/api/tokens",
    ready: (p) => expect(p.getByRole("status", { name: "Loading tokens" })).toBeVisible(),
  },
  {
    name: "shared file",
    path: () => links.file,
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "a11y notes.txt" })).toBeVisible(),
  },
  {
    name: "shared folder",
    path: () => links.folder,
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "a11y folder" })).toBeVisible(),
  },
  {
    name: "shared link with a password",
    path: () => links.password,
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "This link is protected" })).toBeVisible(),
  },
  {
    name: "shared link turned off",
    path: () => links.revoked,
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "This link was turned off" })).toBeVisible(),
  },
  {
    name: "file request (visitor page)",
    path: () => links.request,
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: /asks you for files/ })).toBeVisible(),
  },
  {
    name: "unknown share link",
    path: "/s/not-a-real-token",
    signedIn: false,
    ready: (p) => expect(p.getByRole("heading", { name: "This link does not exist" })).toBeVisible(),
  },
];

const SCHEMES = ["light", "dark"] as const;
/** What fails a page: axe's serious and critical findings, and the moderate ones (e.g. `region`). */
const BLOCKING = new Set(["moderate", "serious", "critical"]);

/** The signed-in account's cookies, shared by every signed-in page. */
let session: Awaited<ReturnType<BrowserContext["storageState"]>>;

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signUp(page, newAccount("a11y"));
  session = await context.storageState();
  const file = await upload(page, "a11y notes.txt", Buffer.from("Notes for the accessibility check.\n"), "text/plain");
  const folder = (await (await page.request.post("/api/folders", { data: { name: "a11y folder" } })).json()).folder;
  await upload(page, "inside.txt", Buffer.from("inside\n"), "text/plain", folder.id);
  links.file = pathOf((await shareByApi(page, `/api/files/${file.id}/shares`, { maxDownloads: 5 })).url);
  links.folder = pathOf((await shareByApi(page, `/api/folders/${folder.id}/shares`)).url);
  links.password = pathOf((await shareByApi(page, `/api/files/${file.id}/shares`, { password: "a11y pass" })).url);
  const revoked = await shareByApi(page, `/api/files/${file.id}/shares`);
  expect((await page.request.delete(`/api/shares/${revoked.id}`)).status()).toBe(204);
  links.revoked = pathOf(revoked.url);
  const request = await page.request.post(`/api/folders/${folder.id}/requests`, {
    data: { message: "Send the signed contract here.", maxFiles: 5, password: "a11y pass" },
  });
  links.request = pathOf((await request.json()).request.url);
  await context.close();
});

for (const scheme of SCHEMES) {
  for (const checked of PAGES) {
    test(`${checked.name} (${scheme}) has no moderate, serious or critical axe violation`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({
        baseURL,
        colorScheme: scheme,
        storageState: checked.signedIn ? session : undefined,
      });
      const page = await context.newPage();
      let release = () => {};
      if (checked.holding) {
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route(checked.holding, async (route) => {
          await held;
          await route.continue().catch(() => undefined); // the page may be gone by then
        });
      }
      await page.goto(typeof checked.path === "string" ? checked.path : checked.path());
      await checked.ready?.(page);
      const results = await new AxeBuilder({ page })
        // Also the experimental check that a control's name contains its visible text (WCAG 2.5.3).
        .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
        .analyze();
      release();
      const blocking = results.violations
        .filter((v) => BLOCKING.has(v.impact ?? ""))
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
        }));
      expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
      await context.close();
    });
  }
}

test("the first Tab reaches “Skip to content”, which moves past the header", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: session });
  const page = await context.newPage();
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab lands inside the page's content, not on the header's links.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("New token name")).toBeFocused();
  await context.close();
});

test("the account menu is a menu button: arrows, Home/End, Esc back to the button", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: session });
  const page = await context.newPage();
  await page.goto("/files");
  const button = page.getByRole("button", { name: "account menu" });
  // The accessible name starts with the name the button shows (the initials beside it are decoration).
  await expect(button).toHaveAccessibleName(/^a11y \d+\b.*account menu/);
  await expect(button.getByText(/^a11y \d+$/)).toBeVisible();

  await button.focus();
  await page.keyboard.press("ArrowDown");
  // Its items: Admin console (admins only), Your account, API tokens, Sign out.
  const items = page.getByRole("menuitem");
  const first = items.first();
  const signOut = page.getByRole("menuitem", { name: "Sign out" });
  await expect(first).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(signOut).toBeFocused();
  await page.keyboard.press("ArrowDown"); // wraps
  await expect(first).toBeFocused();
  await page.keyboard.press("ArrowUp"); // wraps back
  await expect(signOut).toBeFocused();
  await page.keyboard.press("Home");
  await expect(first).toBeFocused();
  await page.keyboard.press("End");
  await expect(signOut).toBeFocused();
  await expect(page.getByRole("menuitem", { name: "Your account" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // ArrowUp opens on the last item; Enter on an item follows it.
  await page.keyboard.press("ArrowUp");
  await expect(signOut).toBeFocused();
  await page.keyboard.press("Home");
  const firstHref = (await first.getAttribute("href"))!;
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === firstHref);
  await context.close();
});
