// Issue 12 finding 10: temp files an interrupted write left in the local store are removed by the
// sweeper soon after the server starts, while a write still in progress keeps its temp file.
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../env";
import { getDriver } from "../storage";
import { newStorageKey } from "../storage/keys";
import { sweepExpiredUploads } from "./sweep";
import { FIRST_SWEEP_DELAY_MS, startSweeper } from "./sweeper-timer";

const tmpDir = () => path.join(process.env.STORAGE_LOCAL_DIR!, ".tmp");
const tempFiles = async () => (await fs.readdir(tmpDir()).catch(() => [])).sort();

/** A temp file as a write killed `ageMs` ago left it. */
async function leftover(name: string, ageMs: number): Promise<void> {
  await fs.mkdir(tmpDir(), { recursive: true });
  const file = path.join(tmpDir(), name);
  await fs.writeFile(file, "partial upload");
  const then = new Date(Date.now() - ageMs);
  await fs.utimes(file, then, then);
}

async function until(condition: () => Promise<boolean>, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !(await condition()) && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 20));
}

afterEach(async () => {
  vi.useRealTimers();
  delete process.env.SWEEP_INTERVAL_SECONDS;
  resetEnvCache();
  await fs.rm(tmpDir(), { recursive: true, force: true });
});

describe("temp files left by a crash", () => {
  it("are removed by a sweep once nothing has written them for two minutes (not after 24 hours)", async () => {
    await leftover("killed-an-hour-ago.tmp", 3600_000);
    await leftover("killed-3-minutes-ago.tmp", 3 * 60_000);
    await leftover("written-a-moment-ago.tmp", 5_000);
    await sweepExpiredUploads();
    expect(await tempFiles()).toEqual(["written-a-moment-ago.tmp"]);
  });

  it("a write in progress keeps its temp file, even while its client is silent", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const driver = getDriver("local");
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new Uint8Array(10));
        await released; // a client that stalls for minutes
        controller.enqueue(new Uint8Array(10));
        controller.close();
      },
    });
    const key = newStorageKey("owner");
    const writing = driver.putObject({ key, body, size: 20, type: "application/octet-stream" });
    await until(async () => (await tempFiles()).length === 1, 5000);
    const [name] = await tempFiles();
    // Three minutes of silence since the last byte...
    const then = new Date(Date.now() - 3 * 60_000);
    await fs.utimes(path.join(tmpDir(), name!), then, then);
    // ...during which the write's heartbeat kept touching its file.
    vi.advanceTimersByTime(30_000);
    vi.useRealTimers();
    await until(async () => Date.now() - (await fs.stat(path.join(tmpDir(), name!))).mtimeMs < 60_000, 5000);
    await sweepExpiredUploads();
    expect(await tempFiles()).toEqual([name]);
    release();
    await writing;
    expect((await driver.stat(key)).size).toBe(20);
    expect(await tempFiles()).toEqual([]);
  });

  it("the server's sweeper runs shortly after start, not one interval later", async () => {
    process.env.SWEEP_INTERVAL_SECONDS = "3600";
    resetEnvCache();
    await leftover("killed-before-the-restart.tmp", 3 * 60_000);
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval"] });
    startSweeper();
    vi.advanceTimersByTime(FIRST_SWEEP_DELAY_MS);
    vi.useRealTimers();
    await until(async () => (await tempFiles()).length === 0, 5000);
    expect(await tempFiles()).toEqual([]);
    expect(FIRST_SWEEP_DELAY_MS).toBeLessThanOrEqual(10_000);
  });
});
