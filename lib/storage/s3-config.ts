// S3 settings derived from the environment, with presets for the providers Stowage knows
// (S3_PROVIDER). An incomplete configuration throws ConfigError naming the variable to set.
import { ConfigError, env, type Env } from "../env";

export type S3Provider = NonNullable<Env["S3_PROVIDER"]>;

export interface S3Settings {
  provider: S3Provider | "generic";
  bucket: string;
  region: string;
  /** Custom endpoint URL; undefined for AWS's own endpoints. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Static credentials; undefined lets the AWS SDK find them (env, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Prepended to every key inside the bucket: "" or "some/folder/". */
  prefix: string;
  sse?: "AES256" | "aws:kms";
  /** false: relay mode, the app streams bodies to the bucket (stores that cannot presign). */
  presign: boolean;
  createBucket: boolean;
}

function configError(variable: string, message: string): ConfigError {
  return new ConfigError(`Invalid configuration:\n  ${variable}: ${message}`);
}

function normalizePrefix(prefix: string | undefined): string {
  if (!prefix) return "";
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return "";
  if (!/^[A-Za-z0-9._/-]+$/.test(trimmed) || trimmed.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw configError(
      "S3_PREFIX",
      `"${prefix}" must be folder names of letters, digits, ".", "_" or "-" separated by "/"`,
    );
  }
  return `${trimmed}/`;
}

/** The endpoint RunPod's S3 API has for a datacenter, e.g. EUR-IS-1 -> https://s3api-eur-is-1.runpod.io/ */
export function runpodEndpoint(datacenter: string): string {
  return `https://s3api-${datacenter.toLowerCase()}.runpod.io/`;
}

/** Backblaze B2's S3 endpoint for a region such as us-west-004. */
export function b2Endpoint(region: string): string {
  return `https://s3.${region}.backblazeb2.com`;
}

/** Derives the S3 settings; throws ConfigError naming the first missing or contradictory variable. */
export function s3SettingsFromEnv(e: Env = env()): S3Settings {
  const provider = e.S3_PROVIDER ?? "generic";
  if (!e.S3_BUCKET) {
    throw configError(
      "S3_BUCKET",
      provider === "runpod"
        ? "required for the s3 driver: set it to your RunPod network volume id"
        : "required for the s3 driver: set it to the bucket name (or use STORAGE_DRIVER=local)",
    );
  }
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    const missing = e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
    const present = e.S3_ACCESS_KEY_ID ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY";
    throw configError(
      missing,
      `required when ${present} is set (set both, or neither to use the AWS SDK's default credentials)`,
    );
  }

  let region = e.S3_REGION;
  let endpoint = e.S3_ENDPOINT;
  let pathStyleDefault = Boolean(endpoint);
  let presign = e.S3_PRESIGN ?? true;

  switch (provider) {
    case "aws":
      pathStyleDefault = false;
      break;
    case "minio":
      if (!endpoint)
        throw configError(
          "S3_ENDPOINT",
          "required for S3_PROVIDER=minio: the MinIO server's URL, e.g. http://minio:9000",
        );
      pathStyleDefault = true;
      break;
    case "r2":
      if (!endpoint) {
        throw configError("S3_ENDPOINT", "required for S3_PROVIDER=r2: https://<account id>.r2.cloudflarestorage.com");
      }
      region = "auto";
      pathStyleDefault = false;
      break;
    case "b2":
      if (!endpoint) {
        if (!/^[a-z]{2}-[a-z]+-\d{3}$/.test(region)) {
          throw configError(
            "S3_REGION",
            `S3_PROVIDER=b2 needs the bucket's B2 region such as us-west-004 (got "${region}"), or set S3_ENDPOINT`,
          );
        }
        endpoint = b2Endpoint(region);
      }
      pathStyleDefault = false;
      break;
    case "runpod":
      if (!endpoint) {
        if (!e.S3_RUNPOD_DATACENTER) {
          throw configError(
            "S3_RUNPOD_DATACENTER",
            "required for S3_PROVIDER=runpod: the volume's datacenter, e.g. EUR-IS-1",
          );
        }
        endpoint = runpodEndpoint(e.S3_RUNPOD_DATACENTER);
      }
      if (e.S3_RUNPOD_DATACENTER) region = e.S3_RUNPOD_DATACENTER;
      pathStyleDefault = true;
      if (e.S3_PRESIGN === true) {
        throw configError("S3_PRESIGN", "RunPod's S3 API cannot presign URLs: remove S3_PRESIGN (relay mode is used)");
      }
      presign = false;
      break;
  }

  return {
    provider,
    bucket: e.S3_BUCKET,
    region,
    endpoint,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? pathStyleDefault,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
    prefix: normalizePrefix(e.S3_PREFIX),
    sse: e.S3_SSE,
    presign,
    createBucket: e.S3_CREATE_BUCKET,
  };
}

/** The endpoint to show people (health, logs): no credentials, no query. */
export function displayEndpoint(settings: Pick<S3Settings, "endpoint" | "region">): string {
  if (!settings.endpoint) return `https://s3.${settings.region}.amazonaws.com`;
  try {
    const url = new URL(settings.endpoint);
    return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return "(invalid S3_ENDPOINT)";
  }
}

/**
 * The origins browsers reach the bucket at through presigned URLs (none in relay mode): the
 * endpoint, and the virtual-hosted `<bucket>.<endpoint host>` the SDK uses when the bucket name
 * allows it. The app's Content-Security-Policy lets pages upload to and preview from them.
 */
export function bucketOrigins(
  settings: Pick<S3Settings, "endpoint" | "region" | "bucket" | "forcePathStyle" | "presign">,
): string[] {
  if (!settings.presign) return [];
  const endpoint = new URL(settings.endpoint ?? `https://s3.${settings.region}.amazonaws.com`);
  const origins = [endpoint.origin];
  if (!settings.forcePathStyle) origins.push(`${endpoint.protocol}//${settings.bucket}.${endpoint.host}`);
  return origins;
}
