// Issue 24's browser figure: a folder of small files dropped on the files page in Chromium, timed
// from the drop to the last file stored and the dropped folder listed, with the batch protocol and
// with the per-file one (the same build, batching switched off in the page's localStorage), in
// interleaved rounds on one fresh server. Also the longest main-thread task during the drop and the
// tab's JavaScript heap at the end. Run: `BENCH_ONLY=drop npm run bench` (BENCH_DROP_FILES [2000],
// BENCH_DROP_FOLDERS [20], BENCH_RUNS [3]).
import { chromium, type Page } from "@playwright/test";
import { dropFiles } from "../e2e/support/browse";
import { loadAverage } from "./machine";
import { startServer } from "./server";
import { median } from "./stats";

export interface DropRound {
  mode: "batch" | "per-file";
  filesPerS: number;
  seconds: number;
  longestTaskMs: number;
  heapMiB: number;
  load: string;
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--no-first-run",
];

async function signUp(page: Page, email: string) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/files$/, { timeout: 120_000 });
}

async function oneDrop(baseURL: string, mode: DropRound["mode"], files: number, folders: number, n: number) {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium",
    args: ARGS,
  });
  try {
    const page = await browser.newPage({ baseURL });
    // tsx names functions with a `__name` helper; code handed to page.evaluate needs it in the page too.
    await page.addInitScript({ content: "window.__name = (f) => f;" });
    await signUp(page, `drop-${mode}-${n}-${Date.now()}@example.com`);
    if (mode === "per-file") await page.evaluate(() => localStorage.setItem("stowage.uploadBatching", "off"));
    if (mode === "per-file") await page.reload(); // the upload engine reads the switch when it starts
    await page.evaluate(() => {
      (window as unknown as { longest: number }).longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const w = window as unknown as { longest: number };
          w.longest = Math.max(w.longest, entry.duration);
        }
      }).observe({ type: "longtask", buffered: false });
    });
    const specs = Array.from({ length: files }, (_, i) => ({
      path: `drop/d${String(i % folders).padStart(3, "0")}/f${String(i).padStart(5, "0")}.bin`,
      size: 4096,
      seed: i + 1,
    }));
    await dropFiles(page, specs);
    const t0 = performance.now();
    for (;;) {
      const me = (await (await page.request.get("/api/me")).json()) as { usage: { fileCount: number } };
      if (me.usage.fileCount >= files) break;
      // Files that failed for good never arrive: stop with what the panel says instead of waiting forever.
      const failures = await page
        .getByTestId("upload-failures")
        .textContent({ timeout: 100 })
        .catch(() => null);
      if (failures && !(await page.getByTestId("upload-panel-title").textContent())?.includes("Uploading"))
        throw new Error(`${mode}: ${me.usage.fileCount} of ${files} stored; ${failures}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.getByTestId("entry-name").getByText("drop", { exact: true }).first().waitFor({ timeout: 60_000 });
    const seconds = (performance.now() - t0) / 1000;
    const { longest, heap } = await page.evaluate(() => ({
      longest: (window as unknown as { longest: number }).longest,
      heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    }));
    return {
      mode,
      filesPerS: files / seconds,
      seconds,
      longestTaskMs: longest,
      heapMiB: heap / 2 ** 20,
      load: loadAverage(),
    };
  } finally {
    await browser.close();
  }
}

export async function runFolderDrop(o: {
  rounds: number;
  files: number;
  folders: number;
  log: (line: string) => void;
}) {
  const server = await startServer("drop");
  const rounds: DropRound[] = [];
  try {
    for (let round = 1; round <= o.rounds; round++) {
      const order: DropRound["mode"][] = round % 2 === 1 ? ["batch", "per-file"] : ["per-file", "batch"];
      for (const mode of order) {
        const r = await oneDrop(server.url, mode, o.files, o.folders, round);
        rounds.push(r);
        o.log(
          `  round ${round} ${mode}: ${r.filesPerS.toFixed(1)} files/s (${r.seconds.toFixed(1)} s), longest task ${r.longestTaskMs.toFixed(0)} ms, heap ${r.heapMiB.toFixed(0)} MiB (load ${r.load})`,
        );
      }
    }
  } finally {
    await server.stop();
  }
  const of = (mode: DropRound["mode"]) => rounds.filter((r) => r.mode === mode);
  return {
    rounds,
    batch: median(of("batch").map((r) => r.filesPerS)),
    perFile: median(of("per-file").map((r) => r.filesPerS)),
  };
}
