// URLs that point at the app's own blob route (`/api/blob/<token>`): every URL of the local
// driver, and the S3 driver's in relay mode. The token binds all the request may do, so the
// route needs no session (see url-token.ts and lib/http/blob-endpoint.ts).
import type { DriverName, SignedRequest } from "./types";
import { blobUrl, signUrlToken } from "./url-token";

export class AppUrlSigner {
  constructor(
    private readonly appUrl: string,
    private readonly driver: DriverName,
  ) {}

  /** A PUT of exactly `size` bytes of `type`; the client must send that Content-Type. */
  upload(o: { key: string; size: number; type: string }, expiresIn: number): SignedRequest {
    const { token, expiresAt } = signUrlToken({ op: "put", driver: this.driver, key: o.key, size: o.size, type: o.type }, expiresIn);
    return { method: "PUT", url: blobUrl(this.appUrl, token), headers: { "Content-Type": o.type }, expiresAt };
  }

  /** A PUT of exactly `size` bytes as one part of a multipart upload. */
  part(o: { key: string; size: number; uploadId: string; partNumber: number }, expiresIn: number): SignedRequest {
    const { token, expiresAt } = signUrlToken(
      { op: "part", driver: this.driver, key: o.key, size: o.size, uploadId: o.uploadId, partNumber: o.partNumber },
      expiresIn,
    );
    return { method: "PUT", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
  }

  /** A GET answering with this type, disposition and file name (already made safe by the caller). */
  download(o: { key: string; type: string; disposition: "attachment" | "inline"; filename: string }, expiresIn: number): SignedRequest {
    const { token, expiresAt } = signUrlToken(
      { op: "get", driver: this.driver, key: o.key, type: o.type, disposition: o.disposition, filename: o.filename },
      expiresIn,
    );
    return { method: "GET", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
  }
}
