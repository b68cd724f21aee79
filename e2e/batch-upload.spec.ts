// Issue 24: a dropped folder of many small files goes through the batch protocol, keeps its
// structure and its books exact; failures are grouped, and each can be retried; a drop cut off
// by a reload continues when dropped again, sending only what the server does not hold.
import { expect, test, type Page, type Route } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { dropFiles, folderRow } from "./support/browse";

const FOLDERS = 20;
const PER_FOLDER = 100;

async function usage(page: Page) {
  return (await (await page.request.get("/api/me")).json()).usage as { usedBytes: number; fileCount: number };
}

async function listed(page: Page, folderId: string) {
  const body = await (await page.request.get(`/api/files?folderId=${folderId}&limit=200`)).json();
  return body.items as { name: string; size: number }[];
}

test("a dropped folder of 2,000 files: batched requests, structure kept, every file listed with its size", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "local", "the batch protocol's S3 side runs in lib/uploads/batch.s3.test.ts");
  test.setTimeout(180_000);
  await signUp(page, newAccount("batch"));
  const requests: string[] = [];
  let puts = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname.startsWith("/api/uploads"))
      requests.push(new URL(r.url()).pathname);
    if (r.method() === "PUT" && new URL(r.url()).pathname.startsWith("/api/blob/")) puts++;
  });
  const specs = Array.from({ length: FOLDERS * PER_FOLDER }, (_, i) => ({
    path: `export/d${i % FOLDERS}/f${String(i).padStart(4, "0")}.txt`,
    size: 50 + i,
    seed: i + 1,
  }));
  await dropFiles(page, specs);
  const total = specs.reduce((sum, s) => sum + s.size, 0);
  await expect
    .poll(() => usage(page), { timeout: 150_000 })
    .toMatchObject({ fileCount: specs.length, usedBytes: total });
  await expect(page.getByTestId("upload-panel-title")).not.toContainText("Uploading");

  // Far fewer app requests than three per file: most creates and completes went in batches.
  const batches = requests.filter((p) => p.startsWith("/api/uploads/batch")).length;
  expect(batches).toBeGreaterThan(1);
  expect(requests.length).toBeLessThan(specs.length / 4);
  // On the local driver most files' bytes travelled in group PUTs, many files to a request.
  expect(puts).toBeLessThan(specs.length / 10);

  // The list shows the dropped folder without a reload; each subfolder holds its files, sizes exact.
  await expect(folderRow(page, "export")).toBeVisible();
  await folderRow(page, "export").dblclick();
  for (let d = 0; d < FOLDERS; d++) await expect(folderRow(page, `d${d}`)).toBeVisible();
  const { folders } = (await (await page.request.get("/api/folders/tree")).json()) as {
    folders: { id: string; name: string; parentId: string | null }[];
  };
  const exported = folders.find((f) => f.name === "export" && f.parentId === null)!;
  for (let d = 0; d < FOLDERS; d++) {
    const folder = folders.find((f) => f.name === `d${d}` && f.parentId === exported.id);
    expect(folder).toBeDefined();
    const files = await listed(page, folder!.id);
    const expected = specs.filter((s) => s.path.includes(`/d${d}/`));
    expect(files.map((f) => [f.name, f.size]).sort()).toEqual(
      expected.map((s) => [s.path.split("/").at(-1), s.size]).sort(),
    );
  }
});

test("a drop with failures: grouped with Retry all, and a single file retried on its own", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "local", "the page's work does not depend on the driver");
  await signUp(page, newAccount("batchfail"));
  // The store refuses every group PUT (the local driver's many files in one request: each of its
  // files then goes alone to its own URL), and the first five single bodies for good (a 400 is not
  // worth retrying by itself).
  let refused = 0;
  let groupsRefused = 0;
  await page.route("**/api/blob/**", (route) => {
    if (route.request().method() !== "PUT") return route.continue();
    if (isGroupPut(route.request().url())) return (groupsRefused++, route.fulfill({ status: 500, body: "" }));
    return refused < 5 ? (refused++, route.fulfill({ status: 400, body: "" })) : route.continue();
  });
  const specs = Array.from({ length: 40 }, (_, i) => ({
    path: `f${String(i).padStart(2, "0")}.txt`,
    size: 100 + i,
    seed: i + 1,
  }));
  await dropFiles(page, specs);
  const summary = page.getByTestId("upload-failures");
  await expect(summary).toContainText("5 failed", { timeout: 30_000 });
  await expect.poll(() => usage(page)).toMatchObject({ fileCount: 35 });

  // One retried on its own, then the rest together.
  const failedRow = page.getByTestId("upload-row").and(page.locator('[data-status="failed"]')).first();
  await failedRow.getByRole("button", { name: /^Retry upload of / }).click();
  await expect(summary).toContainText("4 failed");
  await summary.getByRole("button", { name: "Retry all" }).click();
  await expect(summary).toBeHidden();
  const total = specs.reduce((sum, s) => sum + s.size, 0);
  await expect.poll(() => usage(page)).toMatchObject({ fileCount: 40, usedBytes: total });
  expect(groupsRefused).toBeGreaterThan(0);
});

/** A blob URL's signed payload (lib/storage/url-token.ts). */
function payloadOf(url: string): { op?: string; k?: string[] } {
  const token = decodeURIComponent(new URL(url).pathname.split("/api/blob/")[1] ?? "");
  return JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")) as {
    op?: string;
    k?: string[];
  };
}

/** Whether a blob URL is a group PUT's: many small files in one request (the local driver). */
function isGroupPut(url: string): boolean {
  return payloadOf(url).op === "group";
}

/** How many files a PUT to this blob URL carries. */
function filesIn(url: string): number {
  const payload = payloadOf(url);
  return payload.op === "group" ? (payload.k?.length ?? 0) : 1;
}

test("a drop cut off by a reload: dropped again, only the missing bytes are sent and nothing is copied", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "local", "the page's work does not depend on the driver");
  test.setTimeout(120_000);
  page.on("dialog", (dialog) => void dialog.accept()); // "leave the page while uploading?"
  await signUp(page, newAccount("batchresume"));
  const TOTAL = 400;
  const STORED = 150; // PUTs that reach the server before the reload; the rest hang until it
  const FIRST = 20; // PUTs answered before the first complete; the others wait for it to be answered
  // Only the first complete goes through: the other files whose bytes were stored are not
  // completed before the reload (the moment a page is closed between PUT and complete).
  let reloaded = false; // from then on, every request goes through
  let completes = 0;
  let firstCompleted!: () => void;
  const afterFirstComplete = new Promise<void>((resolve) => (firstCompleted = resolve));
  await page.route(/\/api\/uploads\/(batch\/complete|[^/]+\/complete)$/, async (route) => {
    if (reloaded) return route.continue();
    if (completes++ > 0) return; // never answered: the reload cuts it off
    await route.fulfill({ response: await route.fetch() });
    firstCompleted();
  });
  let letThrough = 0;
  let answered = 0;
  const held: Route[] = []; // never answered: the reload cuts them off
  await page.route("**/api/blob/**", async (route) => {
    if (reloaded || route.request().method() !== "PUT") return route.continue();
    // Before the reload the files go one by one (a refused group PUT falls back to them), so the
    // bytes stored are counted file by file.
    if (isGroupPut(route.request().url())) return route.fulfill({ status: 500, body: "" });
    if (letThrough >= STORED) return void held.push(route);
    if (letThrough++ >= FIRST) await afterFirstComplete;
    const response = await route.fetch();
    answered++;
    await route.fulfill({ response });
  });
  const specs = Array.from({ length: TOTAL }, (_, i) => ({
    path: `photos/d${i % 4}/p${String(i).padStart(3, "0")}.bin`,
    size: 200 + i,
    seed: i + 7,
  }));
  await dropFiles(page, specs);
  await expect.poll(() => answered, { timeout: 60_000 }).toBe(STORED);
  const before = await usage(page);
  // Stored and completed: between 1 and FIRST files; the others' bytes are stored, not completed.
  expect(before.fileCount).toBeGreaterThan(0);
  expect(before.fileCount).toBeLessThanOrEqual(FIRST);

  // Requests held so far stay unanswered (unrouting would send them on): the reload cuts them off.
  reloaded = true;
  await page.reload();
  // What was in flight shows as paused until the folder is dropped again.
  await expect(page.locator('[data-testid="upload-row"][data-status="paused"]').first()).toBeVisible();
  // Each upload's signed URL is its own, and a PUT tried again (a busy server) reuses it.
  // Files whose bytes are sent again, by URL (a group PUT carries several).
  const sentAgain = new Map<string, number>();
  page.on("request", (r) => {
    if (r.method() === "PUT" && new URL(r.url()).pathname.startsWith("/api/blob/"))
      sentAgain.set(r.url(), filesIn(r.url()));
  });
  await dropFiles(page, specs);
  const total = specs.reduce((sum, s) => sum + s.size, 0);
  await expect.poll(() => usage(page), { timeout: 90_000 }).toMatchObject({ fileCount: TOTAL, usedBytes: total });
  await expect(page.getByTestId("upload-panel-title")).not.toContainText("Uploading");
  await expect(page.locator('[data-testid="upload-row"][data-status="paused"]')).toHaveCount(0);
  // The bytes stored before the reload were kept (completed now), not sent again.
  expect([...sentAgain.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL - STORED);

  // No copies: each folder holds exactly the dropped names.
  const { folders } = (await (await page.request.get("/api/folders/tree")).json()) as {
    folders: { id: string; name: string; parentId: string | null }[];
  };
  const top = folders.find((f) => f.name === "photos" && f.parentId === null)!;
  for (let d = 0; d < 4; d++) {
    const folder = folders.find((f) => f.name === `d${d}` && f.parentId === top.id)!;
    const names = (await listed(page, folder.id)).map((f) => f.name).sort();
    expect(names).toEqual(
      specs
        .filter((s) => s.path.includes(`/d${d}/`))
        .map((s) => s.path.split("/").at(-1))
        .sort(),
    );
  }
  // The drop is over: no saved session is left behind.
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("stowage.upload.v1:")).length),
  ).toBe(0);
});
