import { dropzoneReady } from "./files";
import { expect, type Locator, type Page } from "@playwright/test";

/** A file to drop, made inside the page: random bytes, a real PNG, a PDF or a short WebM video. */
export interface DropSpec {
  /** Where it sits in the drop, e.g. "album/2024/a.txt" (folders are recreated). */
  path: string;
  kind?: "bytes" | "png" | "pdf" | "webm";
  size?: number;
  seed?: number;
  type?: string;
}

/**
 * Drops files and folders on the drop area the way a browser does (a `drop` event whose
 * DataTransfer items are file-system entries), so dropped folders go through the same code as a
 * real folder drop. Returns each file's SHA-256 by path.
 */
export async function dropFiles(page: Page, specs: DropSpec[]): Promise<Record<string, string>> {
  await dropzoneReady(page);
  return page.evaluate(async (specs) => {
    function bytesOf(size: number, seed: number): Uint8Array<ArrayBuffer> {
      const bytes = new Uint8Array(size);
      let x = seed >>> 0 || 1;
      for (let i = 0; i < size; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        bytes[i] = x & 255;
      }
      return bytes;
    }
    async function png(seed: number): Promise<Blob> {
      const canvas = new OffscreenCanvas(640, 480);
      const context = canvas.getContext("2d")!;
      const gradient = context.createLinearGradient(0, 0, 640, 480);
      gradient.addColorStop(0, `hsl(${seed * 47} 80% 55%)`);
      gradient.addColorStop(1, `hsl(${seed * 47 + 120} 80% 35%)`);
      context.fillStyle = gradient;
      context.fillRect(0, 0, 640, 480);
      context.fillStyle = "white";
      context.font = "bold 96px sans-serif";
      context.fillText(`#${seed}`, 220, 270);
      return canvas.convertToBlob({ type: "image/png" });
    }
    function pdf(): Blob {
      const objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length 44 >>\nstream\nBT /F1 24 Tf 40 100 Td (Stowage PDF) Tj ET\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      ];
      let text = "%PDF-1.4\n";
      const offsets: number[] = [];
      objects.forEach((body, i) => {
        offsets.push(text.length);
        text += `${i + 1} 0 obj\n${body}\nendobj\n`;
      });
      const xref = text.length;
      text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
      text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
      return new Blob([text], { type: "application/pdf" });
    }
    async function webm(): Promise<Blob> {
      const canvas = document.createElement("canvas");
      canvas.width = 160;
      canvas.height = 120;
      const context = canvas.getContext("2d")!;
      const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: "video/webm" });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(100);
      const started = performance.now();
      while (performance.now() - started < 1500) {
        context.fillStyle = `hsl(${(performance.now() - started) / 5} 70% 50%)`;
        context.fillRect(0, 0, 160, 120);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      recorder.stop();
      await stopped;
      return new Blob(chunks, { type: "video/webm" });
    }

    const hashes: Record<string, string> = {};
    type Node = { [name: string]: Node | File };
    const root: Node = {};
    for (const spec of specs) {
      const kind = spec.kind ?? "bytes";
      const blob =
        kind === "png"
          ? await png(spec.seed ?? 1)
          : kind === "pdf"
            ? pdf()
            : kind === "webm"
              ? await webm()
              : new Blob([bytesOf(spec.size ?? 1000, spec.seed ?? 1)]);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      hashes[spec.path] = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
      const parts = spec.path.split("/");
      let node = root;
      for (const folder of parts.slice(0, -1)) node = (node[folder] ??= {}) as Node;
      const type = spec.type ?? (blob.type || "application/octet-stream");
      node[parts.at(-1)!] = new File([bytes], parts.at(-1)!, { type, lastModified: 1_700_000_000_000 });
    }

    // FileSystemEntry look-alikes, as webkitGetAsEntry() gives them for a dropped folder. Like
    // Chromium's, they answer asynchronously: readEntries at most 100 entries a call, file() later.
    const later = <T>(ok: (value: T) => void, value: T) => setTimeout(() => ok(value), 0);
    function entry(name: string, fullPath: string, node: Node | File): object {
      if (node instanceof File)
        return { isFile: true, isDirectory: false, name, fullPath, file: (ok: (f: File) => void) => later(ok, node) };
      return {
        isFile: false,
        isDirectory: true,
        name,
        fullPath,
        createReader: () => {
          const children = Object.entries(node).map(([child, value]) => entry(child, `${fullPath}/${child}`, value));
          let at = 0;
          return {
            readEntries: (ok: (entries: object[]) => void) => {
              const page = children.slice(at, at + 100);
              at += page.length;
              later(ok, page);
            },
          };
        },
      };
    }
    const items = Object.entries(root).map(([name, node]) => ({
      kind: "file",
      type: node instanceof File ? node.type : "",
      webkitGetAsEntry: () => entry(name, `/${name}`, node),
      getAsFile: () => (node instanceof File ? node : null),
    }));
    const dataTransfer = { types: ["Files"], items, files: [], dropEffect: "none", effectAllowed: "all" };
    const target = document.querySelector('[data-testid="dropzone"]')!;
    for (const type of ["dragenter", "dragover", "drop"]) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, "dataTransfer", { value: dataTransfer });
      target.dispatchEvent(event);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return hashes;
  }, specs);
}

/** Waits until every upload in the panel has completed. */
export async function waitForUploads(page: Page, count: number) {
  await expect(page.getByTestId("upload-row").and(page.locator('[data-status="completed"]'))).toHaveCount(count, {
    timeout: 30_000,
  });
}

export const fileRow = (page: Page, name: string): Locator =>
  page.getByTestId("file-row").filter({ has: page.getByTestId("entry-name").getByText(name, { exact: true }) });
export const folderRow = (page: Page, name: string): Locator =>
  page.getByTestId("folder-row").filter({ has: page.getByTestId("entry-name").getByText(name, { exact: true }) });
