// Helpers for the share-link journeys: API uploads with the page's session, visitors without
// one, downloads, a real PNG, the password form, and an axe check.
import crypto from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

export const sha = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");
let visitorCount = 0;

/** Uploads through the API with the page's session (the upload UI has its own tests). */
export async function upload(page: Page, name: string, bytes: Uint8Array, type: string, folderId?: string) {
  const created = await page.request.post("/api/uploads", {
    data: { name, size: bytes.byteLength, type, ...(folderId ? { folderId } : {}) },
  });
  expect(created.status()).toBe(201);
  const { uploadId, url, headers } = await created.json();
  expect((await page.request.put(url, { data: Buffer.from(bytes), headers })).status()).toBeLessThan(300);
  const done = await page.request.post(`/api/uploads/${uploadId}/complete`, { data: {} });
  expect(done.status()).toBe(200);
  return (await done.json()).file as { id: string; name: string };
}

export async function shareByApi(page: Page, target: string, body: Record<string, unknown> = {}) {
  const res = await page.request.post(target, { data: body });
  expect(res.status()).toBe(201);
  return (await res.json()).share as { id: string; url: string };
}

/** A browser with no session, from its own address (rate limits count per client). */
export async function visitor(
  browser: Browser,
  options: {
    colorScheme?: "light" | "dark";
    viewport?: { width: number; height: number };
    javaScriptEnabled?: boolean;
  } = {},
) {
  visitorCount += 1;
  const context = await browser.newContext({
    acceptDownloads: true,
    extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${visitorCount}` },
    ...options,
  });
  return context.newPage();
}

/** The path of a link, so the visitor uses the test server whatever APP_URL says. */
export const pathOf = (url: string) => new URL(url).pathname;

export async function downloadedBytes(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

/** A real PNG (a soft gradient), so the preview shows something. */
export function png(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      rows[i] = 80 + Math.round((x / width) * 120);
      rows[i + 1] = 90 + Math.round((y / height) * 100);
      rows[i + 2] = 220;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Sends the page's password form (a plain POST) and waits for the page it leads back to. */
export async function submitPassword(page: Page, password: string) {
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.request().resourceType() === "document" && r.request().method() === "GET"),
    page.getByRole("button", { name: "Continue" }).click(),
  ]);
}

export async function expectNoSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`)).toEqual([]);
}
