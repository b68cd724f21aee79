import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UploadError } from "./errors";
import { createXhrPut } from "./transport";

/** Just enough of XMLHttpRequest, driven by the test. */
class FakeXhr {
  static last: FakeXhr | null = null;
  upload: { onprogress: ((e: { loaded: number }) => void) | null } = { onprogress: null };
  status = 0;
  responseText = "";
  method = "";
  url = "";
  headers: Record<string, string> = {};
  responseHeaders: Record<string, string> = {};
  body: Blob | null = null;
  aborted = false;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, headers: Record<string, string> = {}, text = "") {
    this.status = status;
    this.responseHeaders = headers;
    this.responseText = text;
    this.onload?.();
  }
}

describe("createXhrPut", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const put = createXhrPut({ stallTimeoutMs: 10_000 });
  const body = new Blob(["hello"]);

  it("PUTs the body with the given headers (minus ones browsers forbid) and reads the ETag", async () => {
    const progress: number[] = [];
    const pending = put({
      url: "https://b/k",
      body,
      headers: { "Content-Type": "text/plain", "Content-Length": "5" },
      onProgress: (n) => progress.push(n),
    });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe("PUT");
    expect(xhr.headers).toEqual({ "Content-Type": "text/plain" });
    expect(xhr.body).toBe(body);
    xhr.upload.onprogress!({ loaded: 3 });
    xhr.respond(200, { etag: '"abc"' });
    expect(await pending).toEqual({ status: 200, etag: '"abc"', errorCode: undefined });
    expect(progress).toEqual([3]);
  });

  it("returns error statuses with the store's error code", async () => {
    const pending = put({ url: "https://b/k", body, headers: {} });
    FakeXhr.last!.respond(403, {}, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    expect(await pending).toEqual({ status: 403, etag: null, errorCode: "AccessDenied" });
  });

  it("rejects with a retryable network error when no answer comes", async () => {
    const pending = put({ url: "https://b/k", body, headers: {} });
    FakeXhr.last!.onerror!();
    const error = (await pending.catch((e: unknown) => e)) as UploadError;
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ code: "network_error", retryable: true });
  });

  it("aborts on the signal with an AbortError", async () => {
    const controller = new AbortController();
    const pending = put({ url: "https://b/k", body, headers: {}, signal: controller.signal });
    controller.abort();
    expect(FakeXhr.last!.aborted).toBe(true);
    expect(((await pending.catch((e: unknown) => e)) as Error).name).toBe("AbortError");
  });

  it("drops a stalled request as a retryable network error, but not one that keeps moving", async () => {
    const pending = put({ url: "https://b/k", body, headers: {} });
    const xhr = FakeXhr.last!;
    vi.advanceTimersByTime(9_000);
    xhr.upload.onprogress!({ loaded: 1 }); // progress re-arms the watchdog
    vi.advanceTimersByTime(9_000);
    expect(xhr.aborted).toBe(false);
    vi.advanceTimersByTime(2_000);
    expect(xhr.aborted).toBe(true);
    const error = (await pending.catch((e: unknown) => e)) as UploadError;
    expect(error).toMatchObject({ code: "network_error", retryable: true });
  });
});
