// AWS SDK v3 errors (and the network errors under them), mapped to StorageErrors whose messages
// name the S3_* setting to fix. Three sources, in order: the transport (no answer at all), the
// S3 error code of the answer's body, and — for HEAD requests, which have no body — the status.
import {
  AccessDeniedError,
  BucketNotFoundError,
  InsufficientStorageError,
  IntegrityError,
  InvalidRangeError,
  ObjectNotFoundError,
  StorageError,
  StorageUnavailableError,
  UploadNotFoundError,
  WrongRegionError,
  errorCode,
  where,
  type ErrorContext,
  type ErrorLike,
} from "./errors";

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** What every message of one failure is worded from. */
interface Failure {
  err: unknown;
  e: ErrorLike;
  ctx: ErrorContext;
  /** `"name"` or "the bucket". */
  bucket: string;
  /** The endpoint, or "the S3 endpoint". */
  endpoint: string;
}

/** Maps an AWS SDK v3 error (or a network error under it) to a StorageError. */
export function fromS3Error(err: unknown, ctx: ErrorContext): StorageError {
  if (err instanceof StorageError) return err;
  const e = (err ?? {}) as ErrorLike;
  const f: Failure = {
    err,
    e,
    ctx,
    bucket: ctx.bucket ? `"${ctx.bucket}"` : "the bucket",
    endpoint: ctx.endpoint ?? "the S3 endpoint",
  };
  const s3Code = e.Code ?? e.name ?? "";
  return (
    fromTransport(f) ??
    fromS3Code(f, s3Code) ??
    fromStatus(f) ??
    new StorageError(`S3 request failed${where(ctx)}: ${s3Code || "error"}${e.message ? `: ${e.message}` : ""}`, {
      cause: err,
    })
  );
}

/** No answer from the store: unreachable, too slow, or no credentials to sign with. */
function fromTransport({ err, e, ctx, endpoint }: Failure): StorageError | undefined {
  const name = e.name ?? "";
  const code = errorCode(e);
  if (code && NETWORK_CODES.has(code)) {
    return new StorageUnavailableError(
      `Cannot reach ${endpoint} (${code})${where(ctx)}. Check S3_ENDPOINT, the network and that the store is running.`,
      { cause: err },
    );
  }
  if (name === "TimeoutError" || name === "RequestTimeout" || name === "AbortError") {
    return new StorageUnavailableError(`${endpoint} did not answer in time${where(ctx)}.`, { cause: err });
  }
  if (name === "CredentialsProviderError") {
    return new AccessDeniedError(
      `No S3 credentials found${where(ctx)}. Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or provide credentials the AWS SDK can find (environment, profile, instance role).`,
      { cause: err },
    );
  }
  return undefined;
}

function fromS3Code(f: Failure, s3Code: string): StorageError | undefined {
  const { err, e, ctx, bucket, endpoint } = f;
  switch (s3Code) {
    case "NoSuchKey":
      return new ObjectNotFoundError(ctx.key ?? "", { cause: err });
    case "NoSuchUpload":
      return new UploadNotFoundError(ctx.key ?? "", ctx.uploadId ?? "", { cause: err });
    case "NoSuchBucket":
      return bucketMissing(f);
    case "InvalidAccessKeyId":
      return new AccessDeniedError(
        `${endpoint} does not know the access key id${where(ctx)}. Check S3_ACCESS_KEY_ID (and S3_ENDPOINT / S3_PROVIDER).`,
        { cause: err },
      );
    case "SignatureDoesNotMatch":
      return new AccessDeniedError(
        `${endpoint} rejected the request signature${where(ctx)}. Check S3_SECRET_ACCESS_KEY and S3_REGION.`,
        { cause: err },
      );
    case "AccessDenied":
    case "AllAccessDisabled":
    case "InvalidToken":
    case "ExpiredToken":
    case "InvalidBucketState":
      return new AccessDeniedError(
        `Access denied to bucket ${bucket}${where(ctx)}. The credentials need s3:GetObject, s3:PutObject, s3:DeleteObject, s3:ListBucket and multipart permissions on it.`,
        { cause: err },
      );
    case "PermanentRedirect":
    case "AuthorizationHeaderMalformed":
    case "IllegalLocationConstraintException":
      return wrongRegion(f);
    case "InvalidPart":
    case "InvalidPartOrder":
    case "EntityTooSmall":
    case "EntityTooLarge":
    case "BadDigest":
    case "IncompleteBody":
    case "InvalidDigest":
      return new IntegrityError(`The store refused the data${where(ctx)}: ${e.message ?? s3Code}.`, { cause: err });
    case "InvalidRange":
      return new InvalidRangeError(0);
    case "QuotaExceeded":
    case "StorageQuotaExceeded":
    case "InsufficientStorage":
      return outOfSpace(f);
    case "SlowDown":
    case "ServiceUnavailable":
    case "InternalError":
      return new StorageUnavailableError(`${endpoint} is failing or overloaded${where(ctx)}; try again later.`, {
        cause: err,
      });
  }
  return undefined;
}

/** Errors of HEAD requests carry no body, so only the status is known. */
function fromStatus(f: Failure): StorageError | undefined {
  const { err, e, ctx, bucket, endpoint } = f;
  const status = e.$metadata?.httpStatusCode;
  switch (status) {
    case 301:
    case 307:
      return wrongRegion(f);
    case 400:
      if (ctx.op === "check" || ctx.op === "ensureBucket") {
        return new StorageUnavailableError(
          `${endpoint} answered 400 Bad Request for bucket ${bucket}${where(ctx)}. Check S3_REGION, S3_ENDPOINT and S3_FORCE_PATH_STYLE.`,
          { cause: err },
        );
      }
      break;
    case 403:
      return new AccessDeniedError(
        `Access denied to bucket ${bucket}${where(ctx)}. Check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and the key's permissions.`,
        { cause: err },
      );
    case 404:
      if (ctx.op === "check" || ctx.op === "ensureBucket" || !ctx.key) return bucketMissing(f);
      return new ObjectNotFoundError(ctx.key, { cause: err });
    case 416:
      return new InvalidRangeError(0);
    case 507:
      return outOfSpace(f);
  }
  if (status !== undefined && status >= 500) {
    return new StorageUnavailableError(`${endpoint} answered ${status}${where(ctx)}; try again later.`, { cause: err });
  }
  return undefined;
}

function bucketMissing({ err, ctx, bucket, endpoint }: Failure): BucketNotFoundError {
  return new BucketNotFoundError(
    `The bucket ${bucket} does not exist at ${endpoint}${where(ctx)}. Create it, fix S3_BUCKET, or set S3_CREATE_BUCKET=true.`,
    { cause: err },
  );
}

/** The store names the bucket's real region in a header when it can. */
function wrongRegion({ err, e, ctx, bucket }: Failure): WrongRegionError {
  const actual = e.$response?.headers?.["x-amz-bucket-region"];
  return new WrongRegionError(
    `The bucket ${bucket} is in ${actual ? `region "${actual}"` : "another region"}, not "${ctx.region ?? "?"}"${where(ctx)}. Set S3_REGION${actual ? `=${actual}` : " to the bucket's region"}.`,
    { cause: err },
  );
}

function outOfSpace({ err, ctx }: Failure): InsufficientStorageError {
  return new InsufficientStorageError(`The store is out of space${where(ctx)}.`, { cause: err });
}
