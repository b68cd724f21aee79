// Sends a request to a signed storage URL the way a browser would. URLs that point at the app
// (local driver, relay mode) go to the blob route handler in-process; bucket URLs go over HTTP.
import { GET as blobGet, PUT as blobPut } from "@/app/api/blob/[token]/handlers";

export async function signedFetch(
  url: string,
  init: { method?: string; body?: Uint8Array; headers?: Record<string, string> } = {},
): Promise<Response> {
  const method = init.method ?? "GET";
  const headers = new Headers(init.headers);
  if (init.body) headers.set("content-length", String(init.body.byteLength));
  const appBlob = /^https?:\/\/[^/]+\/api\/blob\/([^/?#]+)/.exec(url);
  if (appBlob && url.startsWith(process.env.APP_URL!)) {
    const request = new Request(url, {
      method,
      headers,
      body: init.body as BodyInit | undefined,
      duplex: "half",
    } as RequestInit);
    const handler = method === "PUT" ? blobPut : blobGet;
    return handler(request as never, { params: Promise.resolve({ token: decodeURIComponent(appBlob[1]!) }) });
  }
  return fetch(url, { method, headers, body: init.body as BodyInit | undefined, redirect: "manual" });
}
