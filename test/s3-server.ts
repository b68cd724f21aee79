// A real S3-protocol server for tests and e2e runs: @20minutes/s3rver 4.0.4 in this process,
// on 127.0.0.1 and a free port, storing into a fresh temp folder. It checks SigV4 signatures,
// expiry and the signed Content-Length, and answers CORS for the bucket.
//
// Four quirks of s3rver are fixed here, for the test server only:
//  1. Bucket-level requests (ListObjectsV2, DeleteObjects, PutBucketCors) are signed by SDK v3
//     over the path `/bucket/`, while s3rver canonicalizes `/bucket` and answers 403
//     SignatureDoesNotMatch. A Koa middleware placed before its router makes it canonicalize
//     the path the client actually sent (see `trailingSlashFix`).
//  2. List continuation tokens are encrypted with single DES, which OpenSSL 3 only offers with
//     `--openssl-legacy-provider`. Instead of requiring that flag in every process that starts
//     the server, `allowSingleDes` maps s3rver's `des` (DES-CBC, 8-byte key) to `des-ede3-cbc`
//     with the key repeated three times, which is the same cipher (EDE with K1=K2=K3 is single
//     DES) and is in OpenSSL's default provider. It is a no-op when `des` already works (e.g.
//     when NODE_OPTIONS=--openssl-legacy-provider is set).
//  3. It canonicalizes query values with encodeURIComponent, which leaves ! ' ( ) * unescaped,
//     while SigV4 (and SDK v3) escape them. A presigned GET whose response-content-disposition
//     has `filename*=UTF-8''...` (or a name with parentheses) then fails with 403.
//     `rfc3986Queries` makes its authentication middleware use the SigV4 encoding.
//  4. It writes an object's (or part's) bytes in place as they arrive, so a PUT whose client
//     breaks off leaves a truncated object behind, where S3 stores nothing. `atomicPuts` makes
//     it write to a temp file and rename it into place only when the body arrived whole.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface S3TestServer {
  /** e.g. http://127.0.0.1:43125 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The app's S3 settings (STORAGE_DRIVER=s3 and S3_*) pointing at this server. */
  appEnv: Record<string, string>;
  /** The temp folder holding the buckets (removed by stop()). */
  directory: string;
  stop(): Promise<void>;
}

export interface S3TestServerOptions {
  bucket?: string;
  /** Origins allowed by the bucket's CORS rule (default "*"). */
  allowedOrigins?: string[];
  port?: number;
  /** The address to listen on (default 127.0.0.1; 0.0.0.0 inside a container). */
  address?: string;
  /** Keep the data folder after stop() (default false). */
  keepDirectory?: boolean;
}

const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

function corsXml(origins: string[]): string {
  const rule = (origin: string) => `
  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>`;
  return `<CORSConfiguration>${origins.map(rule).join("")}\n</CORSConfiguration>`;
}

let desPatched = false;

/** Lets s3rver's `des` cipher work without --openssl-legacy-provider (see the header). */
export function allowSingleDes(): void {
  if (desPatched) return;
  try {
    crypto.createCipheriv("des", Buffer.alloc(8), Buffer.alloc(8));
    desPatched = true; // the legacy provider is loaded: nothing to do
    return;
  } catch {
    // fall through: map des -> des-ede3-cbc
  }
  type Factory = (algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null, options?: unknown) => unknown;
  const mutable = crypto as unknown as { createCipheriv: Factory; createDecipheriv: Factory };
  const wrap = (original: Factory): Factory =>
    function (this: unknown, algorithm, key, iv, options) {
      if (
        typeof algorithm === "string" &&
        algorithm.toLowerCase() === "des" &&
        Buffer.isBuffer(key) &&
        key.length === 8
      ) {
        return original.call(this, "des-ede3-cbc", Buffer.concat([key, key, key]), iv, options);
      }
      return original.call(this, algorithm, key, iv, options);
    };
  mutable.createCipheriv = wrap(mutable.createCipheriv.bind(crypto));
  mutable.createDecipheriv = wrap(mutable.createDecipheriv.bind(crypto));
  desPatched = true;
}

interface KoaContext {
  path: string;
  mountPath?: string;
  state: Record<string, unknown>;
}

/**
 * s3rver computes the canonical URI of a bucket-level request as `/bucket`, but SDK v3 sends
 * and signs `/bucket/`. For path-style requests whose path is exactly `/<bucket>/`, this makes
 * s3rver's authentication build `/` + bucket + mountPath, i.e. `/bucket/` (its virtual-host
 * branch), which is what the client signed. Nothing else in s3rver reads these two fields
 * except its static-website middleware, which this server does not configure.
 */
function trailingSlashFix(ctx: KoaContext, next: () => Promise<unknown>) {
  if (!ctx.state.vhost && /^\/[^/]+\/$/.test(ctx.path)) {
    ctx.state.vhost = true;
    ctx.mountPath = `${ctx.mountPath ?? ""}/`;
  }
  return next();
}

const PATCHED = Symbol.for("stowage.s3rver.rfc3986");

type Middleware = ((ctx: unknown, next: () => Promise<unknown>) => unknown) & { [PATCHED]?: true };

const nativeEncode = globalThis.encodeURIComponent;

/** SigV4's URI encoding: encodeURIComponent plus ! ' ( ) *. */
function rfc3986(text: string | number | boolean): string {
  return nativeEncode(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Wraps s3rver's `authentication` middleware (found in its router's layers) so that, while it
 * computes the canonical request — synchronously, before it calls next() — the global
 * encodeURIComponent escapes like SigV4. Restored before next() runs and on any exit.
 */
function rfc3986Queries(router: { stack: { stack: Middleware[] }[] }): void {
  for (const layer of router.stack) {
    layer.stack = layer.stack.map((fn) => {
      if (fn.name !== "authentication" || fn[PATCHED]) return fn;
      const wrapped: Middleware = function authentication(ctx, next) {
        let restored = false;
        const restore = () => {
          if (!restored) globalThis.encodeURIComponent = nativeEncode;
          restored = true;
        };
        globalThis.encodeURIComponent = rfc3986;
        try {
          return fn(ctx, () => {
            restore();
            return next();
          });
        } finally {
          restore();
        }
      };
      wrapped[PATCHED] = true;
      return wrapped;
    });
  }
}

interface S3rverStore {
  putContent(file: string, content: unknown): Promise<unknown>;
}

/** Bodies go to a temp file renamed into place on success, removed on failure (quirk 4). */
function atomicPuts(store: S3rverStore): void {
  const putContent = store.putContent.bind(store);
  store.putContent = async (file, content) => {
    // Not ending in "._S3rver_object", so s3rver's listing never shows it.
    const tmp = `${file}.${crypto.randomBytes(6).toString("hex")}.partial`;
    try {
      const result = await putContent(tmp, content);
      await fs.promises.rename(tmp, file);
      return result;
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  };
}

/** Starts s3rver with one CORS-enabled bucket; see S3TestServer. */
export async function startS3Server(options: S3TestServerOptions = {}): Promise<S3TestServer> {
  allowSingleDes();
  const S3rver = require("@20minutes/s3rver") as new (o: Record<string, unknown>) => {
    middleware: unknown[];
    store: S3rverStore;
    httpServer?: { closeAllConnections(): void };
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  };
  const bucket = options.bucket ?? "stowage-test";
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-s3rver-"));
  const server = new S3rver({
    address: options.address ?? "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [corsXml(options.allowedOrigins ?? ["*"])] }],
  });
  // The router is the last middleware s3rver's constructor installs: put the fix just before it.
  const routes = server.middleware.at(-1) as { router?: { stack: { stack: Middleware[] }[] } };
  if (!routes.router) throw new Error("s3rver's router was not where expected (is @20minutes/s3rver 4.0.4 installed?)");
  server.middleware.splice(server.middleware.length - 1, 0, trailingSlashFix);
  rfc3986Queries(routes.router);
  atomicPuts(server.store);
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  let stopped = false;
  return {
    endpoint,
    bucket,
    region: "us-east-1",
    ...CREDENTIALS,
    appEnv: {
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    },
    directory,
    async stop() {
      if (stopped) return;
      stopped = true;
      const closed = server.close();
      server.httpServer?.closeAllConnections(); // keep-alive sockets would hold close() open
      await closed;
      if (!options.keepDirectory) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
