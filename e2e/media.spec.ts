// Server-made thumbnails (issue 23): photos uploaded through the API — no browser made their
// thumbnails — appear in the grid once the server's media queue has made them (the grid looks
// again while files are queued), upright; screenshots in light and dark.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { newAccount, signUp } from "./support/auth";
import { fileRow } from "./support/browse";
import { screenshotPath } from "./support/screenshots";
import { upload } from "./support/shares";

/** A 480 × 320 photo-like JPEG (a gradient in `hue`), stored sideways with EXIF orientation 6. */
async function sidewaysPhoto(hue: number): Promise<Buffer> {
  const base = sharp({ create: { width: 480, height: 320, channels: 3, background: `hsl(${hue}, 60%, 55%)` } });
  const sun = Buffer.from(
    `<svg width="480" height="320"><circle cx="120" cy="90" r="50" fill="hsl(${(hue + 180) % 360}, 80%, 70%)"/></svg>`,
  );
  return base
    .composite([{ input: sun }])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

test("photos uploaded through the API get server-made, upright thumbnails in the grid", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signUp(page, newAccount("media"));
  const names: string[] = [];
  for (const [i, hue] of [20, 110, 200, 300].entries()) {
    names.push(`photo-${i + 1}.jpg`);
    await upload(page, names.at(-1)!, await sidewaysPhoto(hue), "image/jpeg");
  }
  await page.goto("/files");
  await page.getByRole("button", { name: "Grid view" }).click();
  for (const name of names) {
    const thumbnail = fileRow(page, name).getByTestId("thumbnail");
    // The grid polls while the server works (a busy shared machine: generous).
    await expect(thumbnail).toBeVisible({ timeout: 90_000 });
    // Stored 480 × 320 sideways: the thumbnail is upright, 171 × 256.
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]), {
        timeout: 30_000,
      })
      .toEqual([171, 256]);
  }
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      baseURL,
      colorScheme,
      viewport: { width: 1280, height: 800 },
      storageState: await page.context().storageState(),
    });
    const view = await context.newPage();
    await view.goto("/files");
    await view.getByRole("button", { name: "Grid view" }).click();
    for (const name of names) {
      await expect
        .poll(
          () =>
            fileRow(view, name)
              .getByTestId("thumbnail")
              .evaluate((img: HTMLImageElement) => img.naturalWidth),
          {
            timeout: 30_000,
          },
        )
        .toBe(171);
    }
    await view.screenshot({ path: screenshotPath(`grid-server-thumbnails-${colorScheme}.png`) });
    await context.close();
  }
});
