// Issue 24: a dropped folder of many small files goes through the batch protocol, keeps its
// structure and its books exact; failures are grouped, and each can be retried.
import { expect, test, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support/auth";
import { dropFiles, folderRow } from "./support/browse";

const FOLDERS = 3;
const PER_FOLDER = 100;

async function usage(page: Page) {
  return (await (await page.request.get("/api/me")).json()).usage as { usedBytes: number; fileCount: number };
}

async function listed(page: Page, folderId: string) {
  const body = await (await page.request.get(`/api/files?folderId=${folderId}&limit=200`)).json();
  return body.items as { name: string; size: number }[];
}

test("a dropped folder of 300 files: batched requests, structure kept, every file listed with its size", async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== "local", "the batch protocol's S3 side runs in lib/uploads/batch.s3.test.ts");
  await signUp(page, newAccount("batch"));
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname.startsWith("/api/uploads"))
      requests.push(new URL(r.url()).pathname);
  });
  const specs = Array.from({ length: FOLDERS * PER_FOLDER }, (_, i) => ({
    path: `export/d${i % FOLDERS}/f${String(i).padStart(3, "0")}.txt`,
    size: 50 + i,
    seed: i + 1,
  }));
  await dropFiles(page, specs);
  const total = specs.reduce((sum, s) => sum + s.size, 0);
  await expect
    .poll(() => usage(page), { timeout: 60_000 })
    .toMatchObject({ fileCount: specs.length, usedBytes: total });
  await expect(page.getByTestId("upload-panel-title")).not.toContainText("Uploading");

  // Far fewer app requests than three per file: most creates and completes went in batches.
  const batches = requests.filter((p) => p.startsWith("/api/uploads/batch")).length;
  expect(batches).toBeGreaterThan(1);
  expect(requests.length).toBeLessThan(specs.length / 4);

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
  // The store refuses the first five bodies for good (a 400 is not worth retrying by itself).
  let refused = 0;
  await page.route("**/api/blob/**", (route) =>
    route.request().method() === "PUT" && refused < 5
      ? (refused++, route.fulfill({ status: 400, body: "" }))
      : route.continue(),
  );
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
});
