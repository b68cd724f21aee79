import type { Page } from "@playwright/test";

export interface GeneratedFile {
  name: string;
  size: number;
  type: string;
  seed: number;
  /** Fixed by default, so the same spec is "the same file" again (resume keys on it). */
  lastModified?: number;
}

/**
 * Builds the files inside the page (no bytes cross the test protocol), drops them on the
 * drop area with a real DataTransfer `drop` event, and returns each file's SHA-256.
 */
export async function dropGeneratedFiles(page: Page, files: GeneratedFile[]): Promise<Record<string, string>> {
  await dropzoneReady(page);
  return page.evaluate(async (specs) => {
    function generate(size: number, seed: number): Uint8Array<ArrayBuffer> {
      const bytes = new Uint8Array(size);
      const words = new Uint32Array(bytes.buffer, 0, size >>> 2);
      let x = seed >>> 0 || 1;
      for (let i = 0; i < words.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        words[i] = x >>> 0;
      }
      for (let i = words.length * 4; i < size; i++) bytes[i] = i & 255;
      return bytes;
    }
    const hashes: Record<string, string> = {};
    const transfer = new DataTransfer();
    for (const spec of specs) {
      const bytes = generate(spec.size, spec.seed);
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      hashes[spec.name] = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
      transfer.items.add(
        new File([bytes], spec.name, { type: spec.type, lastModified: spec.lastModified ?? 1_700_000_000_000 }),
      );
    }
    const target = document.querySelector('[data-testid="dropzone"]')!;
    // A person's drop spans many frames: give the page a moment between the events.
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return hashes;
  }, files);
}

/** Slows the page's uploads so progress can be watched (Chromium's own network throttling). */
export async function throttleUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

/**
 * Waits until the drop area takes drops: its handlers come with a lazily loaded part (the
 * react-dropzone binder, which also renders the picker input). A drop dispatched before it is
 * lost — the cause of "the user's next upload is refused" failing once and passing on a retry
 * (the test dropped right after a reload).
 */
export async function dropzoneReady(page: Page): Promise<void> {
  await page.getByTestId("upload-input").waitFor({ state: "attached" });
}
