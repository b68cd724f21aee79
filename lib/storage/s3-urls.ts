// Upload, part and download URLs of the S3 driver. Presigned URLs go straight to the bucket and
// bind the exact Content-Length and Content-Type, so the bucket itself refuses any other body.
// Stores that cannot presign (RunPod) run in relay mode: the URLs point at the app
// (`/api/blob/<token>`, like the local driver) and the app streams bodies on.
import { GetObjectCommand, PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { cleanFilename, contentDisposition, normalizeContentType, safeDisposition } from "./content";
import { UploadNotFoundError, type ErrorContext } from "./errors";
import { assertValidKey } from "./keys";
import { logged } from "./oplog";
import type { S3Bucket } from "./s3-bucket";
import type { DownloadUrlRequest, PartUrlRequest, SignedRequest, UploadUrlRequest } from "./types";
import { AppUrlSigner } from "./url-token";
import { assertPartNumber, assertSize, clampExpiresIn } from "./validate";

export class S3UrlSigner {
  private readonly appUrls: AppUrlSigner;

  constructor(
    private readonly bucket: S3Bucket,
    appUrl: string,
  ) {
    this.appUrls = new AppUrlSigner(appUrl, "s3");
  }

  /** Whether URLs point at the app, which relays bodies to the bucket. */
  get relay(): boolean {
    return !this.bucket.settings.presign;
  }

  async createUploadUrl(o: UploadUrlRequest): Promise<SignedRequest> {
    assertValidKey(o.key);
    assertSize(o.size);
    const type = normalizeContentType(o.type);
    const expiresIn = clampExpiresIn(o.expiresIn);
    await this.bucket.ensureExists();
    return logged({ op: "signUpload", driver: "s3", key: o.key, bytes: o.size }, async () => {
      if (this.relay) return this.appUrls.upload({ key: o.key, size: o.size, type }, expiresIn);
      const { settings } = this.bucket;
      const expiresAt = new Date(Date.now() + expiresIn * 1000);
      const command = new PutObjectCommand({
        Bucket: settings.bucket,
        Key: this.bucket.objectKey(o.key),
        ContentLength: o.size,
        ContentType: type,
        ServerSideEncryption: settings.sse,
      });
      const url = await this.presign(
        command,
        expiresIn,
        { op: "createUploadUrl", key: o.key },
        new Set(["content-type"]),
      );
      const headers: Record<string, string> = { "Content-Type": type };
      // SSE headers cannot be hoisted into the query: the presigner signs them as headers.
      if (settings.sse) headers["x-amz-server-side-encryption"] = settings.sse;
      return { method: "PUT" as const, url, headers, expiresAt };
    });
  }

  async signPart(o: PartUrlRequest): Promise<SignedRequest> {
    assertValidKey(o.key);
    assertPartNumber(o.partNumber);
    assertSize(o.size);
    if (!o.uploadId) throw new UploadNotFoundError(o.key, o.uploadId);
    const expiresIn = clampExpiresIn(o.expiresIn);
    const fields = {
      op: "signPart",
      driver: "s3" as const,
      key: o.key,
      uploadId: o.uploadId,
      partNumber: o.partNumber,
      bytes: o.size,
    };
    return logged(fields, async () => {
      if (this.relay) return this.appUrls.part(o, expiresIn);
      const expiresAt = new Date(Date.now() + expiresIn * 1000);
      const command = new UploadPartCommand({
        Bucket: this.bucket.settings.bucket,
        Key: this.bucket.objectKey(o.key),
        UploadId: o.uploadId,
        PartNumber: o.partNumber,
        ContentLength: o.size,
      });
      const url = await this.presign(command, expiresIn, { op: "signPart", key: o.key, uploadId: o.uploadId });
      return { method: "PUT" as const, url, headers: {}, expiresAt };
    });
  }

  async createDownloadUrl(o: DownloadUrlRequest): Promise<SignedRequest> {
    assertValidKey(o.key);
    const type = normalizeContentType(o.type);
    const disposition = safeDisposition(o.disposition, type);
    const filename = cleanFilename(o.filename);
    const expiresIn = clampExpiresIn(o.expiresIn);
    return logged({ op: "signDownload", driver: "s3", key: o.key }, async () => {
      if (this.relay)
        return this.appUrls.download({ key: o.key, type, disposition, filename, scope: o.scope }, expiresIn);
      const expiresAt = new Date(Date.now() + expiresIn * 1000);
      const command = new GetObjectCommand({
        Bucket: this.bucket.settings.bucket,
        Key: this.bucket.objectKey(o.key),
        ResponseContentDisposition: contentDisposition(disposition, filename),
        ResponseContentType: type,
      });
      const url = await this.presign(command, expiresIn, { op: "createDownloadUrl", key: o.key });
      return { method: "GET" as const, url, headers: {}, expiresAt };
    });
  }

  /** Presigns a command for `expiresIn` seconds; `signableHeaders` binds headers the SDK would leave unsigned. */
  private async presign<C extends PutObjectCommand | UploadPartCommand | GetObjectCommand>(
    command: C,
    expiresIn: number,
    ctx: ErrorContext,
    signableHeaders?: Set<string>,
  ): Promise<string> {
    const { client } = this.bucket;
    try {
      // One overload per command type keeps the SDK's generic signature satisfied.
      if (command instanceof PutObjectCommand)
        return await getSignedUrl(client, command, { expiresIn, signableHeaders });
      if (command instanceof UploadPartCommand)
        return await getSignedUrl(client, command, { expiresIn, signableHeaders });
      return await getSignedUrl(client, command as GetObjectCommand, { expiresIn, signableHeaders });
    } catch (err) {
      throw this.bucket.mapError(err, ctx);
    }
  }
}
