// Issue 24's browser figure: a folder of small files dropped on the files page in Chromium, timed
// in the page from the drop event to the last file stored, the panel done and the dropped folder
// listed, with the batch protocol and with the per-file one (the same build, batching switched off
// in the page's localStorage), in interleaved rounds on one fresh server per driver. Also the
// longest main-thread task during the drop (PerformanceObserver "longtask"), the tab's JavaScript
// heap and its renderer's peak resident memory. The local driver (the default) gets `rounds`
// rounds; the S3 test server one batch round (the S3 test server is the limit there).
// Run: `BENCH_ONLY=drop npm run bench` (BENCH_DROP_FILES [10000], BENCH_DROP_FOLDERS [100],
// BENCH_RUNS [3], BENCH_DROP_S3 [1]: 0 skips the S3 round).
import { chromium, type Browser, type Page } from "@playwright/test";
import { dropFiles } from "../e2e/support/browse";
import { loadAverage } from "./machine";
import { startS3 } from "./migrate";
import { rssOf } from "./rss";
import { startServer } from "./server";
import { median } from "./stats";

export interface DropRound {
  driver: "local" | "s3";
  mode: "batch" | "per-file";
  filesPerS: number;
  seconds: number;
  longestTaskMs: number;
  heapMiB: number;
  rendererMiB: number;
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

/** Peak resident memory of the browser's renderer processes, sampled every 200 ms until stopped. */
async function rendererMemory(browser: Browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as {
    processInfo: { type: string; id: number }[];
  };
  const pids = processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
  const total = () => pids.reduce((sum, pid) => sum + rssOf(pid), 0);
  let peak = total();
  const timer = setInterval(() => (peak = Math.max(peak, total())), 200);
  return () => {
    clearInterval(timer);
    return Math.max(peak, total());
  };
}

/** Called around the drop (bench/drop-profile.ts records the page's CPU profile with them). */
export interface DropHooks {
  beforeDrop?(page: Page): Promise<void>;
  afterDrop?(page: Page): Promise<void>;
}

export async function oneDrop(
  baseURL: string,
  round: Omit<DropRound, "filesPerS" | "seconds" | "longestTaskMs" | "heapMiB" | "rendererMiB" | "load">,
  files: number,
  folders: number,
  n: number,
  hooks: DropHooks = {},
) {
  const { mode, driver } = round;
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium",
    args: ARGS,
  });
  try {
    const page = await browser.newPage({ baseURL });
    // tsx names functions with a `__name` helper; code handed to page.evaluate needs it in the page too.
    await page.addInitScript({ content: "window.__name = (f) => f;" });
    await signUp(page, `drop-${driver}-${mode}-${n}-${Date.now()}@example.com`);
    if (mode === "per-file") await page.evaluate(() => localStorage.setItem("stowage.uploadBatching", "off"));
    if (mode === "per-file") await page.reload(); // the upload engine reads the switch when it starts
    const stopMemory = await rendererMemory(browser);
    await page.evaluate(() => {
      const w = window as unknown as { longest: number; droppedAt?: number };
      w.longest = 0;
      // The clock starts at the drop itself (the files are made in the page before it).
      document.addEventListener("drop", () => (w.droppedAt ??= performance.now()), { capture: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: "longtask", buffered: false });
    });
    const specs = Array.from({ length: files }, (_, i) => ({
      path: `drop/d${String(i % folders).padStart(3, "0")}/f${String(i).padStart(5, "0")}.bin`,
      size: 4096,
      seed: i + 1,
    }));
    await hooks.beforeDrop?.(page);
    await dropFiles(page, specs);
    const title = page.getByTestId("upload-panel-title");
    for (;;) {
      const me = (await (await page.request.get("/api/me")).json()) as { usage: { fileCount: number } };
      const busy = (await title.textContent({ timeout: 1_000 }).catch(() => ""))?.includes("Uploading");
      if (me.usage.fileCount >= files && !busy) break;
      // Files that failed for good never arrive: stop with what the panel says instead of waiting forever.
      const failures = await page
        .getByTestId("upload-failures")
        .textContent({ timeout: 100 })
        .catch(() => null);
      if (failures && !busy) throw new Error(`${mode}: ${me.usage.fileCount} of ${files} stored; ${failures}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.getByTestId("entry-name").getByText("drop", { exact: true }).first().waitFor({ timeout: 60_000 });
    const { elapsed, longest, heap } = await page.evaluate(() => {
      const w = window as unknown as { longest: number; droppedAt: number };
      return {
        elapsed: performance.now() - w.droppedAt,
        longest: w.longest,
        heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
      };
    });
    await hooks.afterDrop?.(page);
    const seconds = elapsed / 1000;
    return {
      ...round,
      filesPerS: files / seconds,
      seconds,
      longestTaskMs: longest,
      heapMiB: heap / 2 ** 20,
      rendererMiB: stopMemory() / 2 ** 20,
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
  s3: boolean;
  log: (line: string) => void;
}) {
  const rounds: DropRound[] = [];
  const report = (r: DropRound, n: number) =>
    o.log(
      `  round ${n} ${r.driver} ${r.mode}: ${r.filesPerS.toFixed(1)} files/s (${r.seconds.toFixed(1)} s), longest task ${r.longestTaskMs.toFixed(0)} ms, heap ${r.heapMiB.toFixed(0)} MiB, renderer ${r.rendererMiB.toFixed(0)} MiB (load ${r.load})`,
    );
  const local = await startServer("drop");
  try {
    for (let n = 1; n <= o.rounds; n++) {
      const order: DropRound["mode"][] = n % 2 === 1 ? ["batch", "per-file"] : ["per-file", "batch"];
      for (const mode of order) {
        const r = await oneDrop(local.url, { driver: "local", mode }, o.files, o.folders, n);
        rounds.push(r);
        report(r, n);
      }
    }
  } finally {
    await local.stop();
  }
  if (o.s3) {
    const s3 = await startS3();
    try {
      const server = await startServer("drop-s3", { ...s3.env, STORAGE_DRIVER: "s3" });
      try {
        const r = await oneDrop(server.url, { driver: "s3", mode: "batch" }, o.files, o.folders, 1);
        rounds.push(r);
        report(r, 1);
      } finally {
        await server.stop();
      }
    } finally {
      s3.stop();
    }
  }
  const of = (mode: DropRound["mode"]) => rounds.filter((r) => r.driver === "local" && r.mode === mode);
  return {
    rounds,
    batch: median(of("batch").map((r) => r.filesPerS)),
    perFile: median(of("per-file").map((r) => r.filesPerS)),
    s3: rounds.find((r) => r.driver === "s3")?.filesPerS,
  };
}
