import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { dropGeneratedFiles, throttleUploads } from "./support/files";

const MiB = 1024 * 1024;

test("dropping three files uploads them straight to storage, with progress, byte for byte", async ({ page }) => {
  await signUp(page, newAccount("dropper"));
  await expect(page.getByTestId("files-empty")).toBeVisible();
  await throttleUploads(page, 40 * MiB);

  const files = [
    { name: "notes.txt", size: 12_345, type: "text/plain", seed: 1 },
    { name: "photo.jpg", size: 2 * MiB + 7, type: "image/jpeg", seed: 2 },
    // Above the 64 MiB multipart threshold: sent as parallel parts.
    { name: "video.mp4", size: 80 * MiB + 123, type: "video/mp4", seed: 3 },
  ];
  const hashes = await dropGeneratedFiles(page, files);

  const bigRow = page.getByTestId("upload-row").filter({ hasText: "video.mp4" });
  const bar = bigRow.getByRole("progressbar");
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 30_000, intervals: [100] })
    .toBeGreaterThan(0);
  await expect(bigRow).toHaveAttribute("data-status", "uploading");

  await expect(page.getByTestId("upload-row").and(page.locator('[data-status="completed"]'))).toHaveCount(3, {
    timeout: 60_000,
  });

  const rows = page.getByTestId("file-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "notes.txt" })).toContainText("12.1 KiB");
  await expect(rows.filter({ hasText: "photo.jpg" })).toContainText("2 MiB");
  await expect(rows.filter({ hasText: "video.mp4" })).toContainText("80 MiB");

  const listing = await (await page.request.get("/api/files?sort=name")).json();
  for (const spec of files) {
    const file = listing.items.find((f: { name: string }) => f.name === spec.name);
    expect(file.size).toBe(spec.size);
    const download = await page.request.get(`/api/files/${file.id}/download`);
    expect(download.status()).toBe(200);
    // A browser can show the download's size and time left.
    expect(Number(download.headers()["content-length"])).toBe(spec.size);
    const body = await download.body();
    expect(crypto.createHash("sha256").update(body).digest("hex")).toBe(hashes[spec.name]);
  }
});

test("a file larger than the space left says so, with the space left", async ({ page }) => {
  await signUp(page, newAccount("quota"));
  await dropGeneratedFiles(page, [{ name: "too-big.bin", size: 101 * MiB, type: "application/octet-stream", seed: 4 }]);
  const row = page.getByTestId("upload-row").filter({ hasText: "too-big.bin" });
  await expect(row).toHaveAttribute("data-status", "failed");
  await expect(row).toContainText(/Not enough space: 100 MiB left/);
  await expect(page.getByLabel("Notifications")).toContainText("Not enough space");
  await expect(page.getByTestId("file-row")).toHaveCount(0);
});

test("cancelling an upload stops it and keeps nothing", async ({ page }) => {
  await signUp(page, newAccount("canceller"));
  await throttleUploads(page, 2 * MiB);
  await dropGeneratedFiles(page, [{ name: "slow.bin", size: 30 * MiB, type: "application/octet-stream", seed: 5 }]);
  const row = page.getByTestId("upload-row").filter({ hasText: "slow.bin" });
  await expect(row).toHaveAttribute("data-status", "uploading");
  await row.getByRole("button", { name: "Cancel upload of slow.bin" }).click();
  await expect(row).toHaveAttribute("data-status", "cancelled");
  await expect(row).toContainText("Cancelled");

  await page.reload();
  await expect(page.getByTestId("files-empty")).toBeVisible();
  const me = await (await page.request.get("/api/me")).json();
  expect(me.usage).toMatchObject({ usedBytes: 0, fileCount: 0 });
});

test("a thousand dropped files keep the page responsive, and Cancel all stops them", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "local", "the page's work does not depend on the driver");
  await signUp(page, newAccount("bulk"));
  await throttleUploads(page, 256 * 1024);
  await dropGeneratedFiles(
    page,
    Array.from({ length: 1000 }, (_, i) => ({
      name: `bulk-${String(i).padStart(4, "0")}.txt`,
      size: 64 * 1024,
      type: "text/plain",
      seed: i + 10,
    })),
  );

  // The longest gap between animation frames over two seconds: a frozen page has none at all.
  const longestFrameGap = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let longest = 0;
        const end = last + 2000;
        const tick = (now: number) => {
          longest = Math.max(longest, now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(longest);
        };
        requestAnimationFrame(tick);
      }),
  );
  expect(longestFrameGap).toBeLessThan(1000);
  // Only the rows in view (and a few around them) are in the DOM; the list scrolls through all of them.
  expect(await page.getByTestId("upload-row").count()).toBeLessThanOrEqual(40);
  // Windowed rows have a fixed height and are never measured (upload-list.tsx): what they show must fit in it.
  const rowFits = await page
    .getByTestId("upload-row")
    .evaluateAll((rows) => rows.map((row) => row.scrollHeight <= row.clientHeight && row.clientHeight > 0));
  expect(rowFits.length).toBeGreaterThan(0);
  expect(rowFits.every(Boolean)).toBe(true);

  await page.getByRole("button", { name: "Cancel all" }).click();
  await expect(
    page.getByTestId("upload-row").and(page.locator('[data-status="uploading"], [data-status="queued"]')),
  ).toHaveCount(0);
  await expect(page.getByTestId("upload-panel-title")).not.toContainText("Uploading");

  // The books agree with what is listed: nothing half-done counts.
  await page.reload();
  const me = await (await page.request.get("/api/me")).json();
  const listing = await (await page.request.get("/api/files?limit=500")).json();
  expect(me.usage.fileCount).toBe(listing.items.length);
  expect(me.usage.usedBytes).toBe(listing.items.length * 64 * 1024);
});

test("a multipart upload cut off by a reload resumes from the stored parts when the file is dropped again", async ({
  page,
}) => {
  await signUp(page, newAccount("resumer"));
  await throttleUploads(page, 16 * MiB);
  const file = { name: "resume.bin", size: 80 * MiB + 123, type: "application/octet-stream", seed: 77 };
  await dropGeneratedFiles(page, [file]);
  const bar = page.getByTestId("upload-row").filter({ hasText: "resume.bin" }).getByRole("progressbar");
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 30_000, intervals: [100] })
    .toBeGreaterThanOrEqual(50);

  await page.reload(); // the upload is cut off mid-way
  await expect(page.getByTestId("files-empty")).toBeVisible();
  // The panel still knows it: paused, with the parts already stored, and what to do.
  const paused = page.getByTestId("upload-row").and(page.locator('[data-status="paused"]'));
  await expect(paused).toHaveCount(1);
  await expect(paused).toContainText("resume.bin");
  await expect(paused).toContainText("Paused — drop the file again to resume");
  expect(Number(await paused.getByRole("progressbar").getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  await expect(page.getByTestId("upload-panel-title")).toHaveText("1 upload paused");
  const partPuts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT") partPuts.push(request.url());
  });
  const hashes = await dropGeneratedFiles(page, [file]);
  const row = page.getByTestId("upload-row").filter({ hasText: "resume.bin" });
  await expect(row).toContainText("resumed");
  await expect(paused).toHaveCount(0); // its own row has taken over
  await expect(row).toHaveAttribute("data-status", "completed", { timeout: 60_000 });

  // 11 parts in all (8 MiB each, the last short); the ones stored before the reload were not sent again.
  expect(partPuts.length).toBeGreaterThan(0);
  expect(partPuts.length).toBeLessThan(11);
  const listing = await (await page.request.get("/api/files")).json();
  expect(listing.items).toHaveLength(1);
  const download = await page.request.get(`/api/files/${listing.items[0].id}/download`);
  expect(
    crypto
      .createHash("sha256")
      .update(await download.body())
      .digest("hex"),
  ).toBe(hashes["resume.bin"]);
  const me = await (await page.request.get("/api/me")).json();
  expect(me.usage).toMatchObject({ usedBytes: file.size, fileCount: 1 });
});

test("a paused upload can be discarded, which gives its reserved space back", async ({ page }) => {
  await signUp(page, newAccount("discarder"));
  await throttleUploads(page, 16 * MiB);
  await dropGeneratedFiles(page, [
    { name: "abandoned.bin", size: 70 * MiB, type: "application/octet-stream", seed: 78 },
  ]);
  const bar = page.getByTestId("upload-row").filter({ hasText: "abandoned.bin" }).getByRole("progressbar");
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 30_000, intervals: [100] })
    .toBeGreaterThan(20);
  await page.reload();
  const paused = page.getByTestId("upload-row").and(page.locator('[data-status="paused"]'));
  await expect(paused).toHaveCount(1);
  await paused.getByRole("button", { name: "Discard paused upload of abandoned.bin" }).click();
  await expect(page.getByTestId("upload-panel")).toHaveCount(0);
  // A 40 MiB file fits again: the 70 MiB reservation was given back at once (the quota is 100 MiB).
  await dropGeneratedFiles(page, [{ name: "fits.bin", size: 40 * MiB, type: "application/octet-stream", seed: 79 }]);
  await expect(page.getByTestId("upload-row").filter({ hasText: "fits.bin" })).toHaveAttribute(
    "data-status",
    "completed",
    { timeout: 60_000 },
  );
  await page.reload();
  await expect(page.getByTestId("upload-panel")).toHaveCount(0);
});

test("the finished panel folds away and never hides the list's sizes, downloads or the usage meter", async ({
  page,
}) => {
  await signUp(page, newAccount("folder"));
  const files = Array.from({ length: 14 }, (_, i) => ({
    name: `row-${String(i).padStart(2, "0")}.txt`,
    size: 1000 + i,
    type: "text/plain",
    seed: 200 + i,
  }));
  await dropGeneratedFiles(page, files);
  const panel = page.getByTestId("upload-panel");
  await expect(page.getByTestId("upload-row").and(page.locator('[data-status="completed"]'))).toHaveCount(14, {
    timeout: 30_000,
  });
  await expect(page.getByTestId("file-row")).toHaveCount(14);

  // Done without failures: it folds to its header by itself.
  await expect(panel).toHaveAttribute("data-collapsed", "true", { timeout: 5_000 });
  await expect(page.getByTestId("upload-row").first()).toBeHidden();
  await expect(page.getByTestId("upload-panel-title")).toHaveText("14 uploads complete");

  const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const usage = await page.getByTestId("usage").boundingBox();
  expect(overlaps((await panel.boundingBox())!, usage!)).toBe(false);
  // Scrolled to the end, the last rows' Size and actions menu (where Download is) are clear of the panel.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const panelBox = (await panel.boundingBox())!;
  for (const name of ["row-12.txt", "row-13.txt"]) {
    const row = page.getByTestId("file-row").filter({ hasText: name });
    const download = (await row.getByRole("button", { name: `Actions for ${name}` }).boundingBox())!;
    expect(overlaps(panelBox, download), name).toBe(false);
    const rowBox = (await row.boundingBox())!;
    expect(overlaps(panelBox, rowBox), name).toBe(false);
  }

  // Opening it again works, and a new batch opens it by itself.
  await page.getByRole("button", { name: "Show uploads" }).click();
  await expect(page.getByTestId("upload-row").first()).toBeVisible();
  await page.getByRole("button", { name: "Hide upload list" }).click();
  await dropGeneratedFiles(page, [{ name: "more.txt", size: 10, type: "text/plain", seed: 300 }]);
  await expect(panel).not.toHaveAttribute("data-collapsed", "true");
});
