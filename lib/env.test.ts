import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("configuration", () => {
  it("runs with nothing set: SQLite, local disk, 10 GiB default quota, APP_URL from PORT", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      DATABASE_URL: "file:./data/stowage.db",
      APP_URL: "http://localhost:3000",
      PORT: 3000,
      REGISTRATION: "open",
      DEFAULT_QUOTA_BYTES: 10 * 1024 ** 3,
      MULTIPART_THRESHOLD: 64 * 1024 ** 2,
      BLOCKED_TYPES: [],
      TRUST_PROXY: 0,
      SESSION_MAX_AGE_HOURS: 24,
    });
    expect(parseEnv({ PORT: "4000" }).APP_URL).toBe("http://localhost:4000");
    expect(parseEnv({ APP_URL: "https://files.example.com/" }).APP_URL).toBe("https://files.example.com");
  });

  it("takes a number of processes and a shutdown timeout, and names a bad one", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBeUndefined();
    expect(parseEnv({ WEB_CONCURRENCY: "4" }).WEB_CONCURRENCY).toBe(4);
    expect(parseEnv({}).SHUTDOWN_TIMEOUT_SECONDS).toBe(30);
    for (const bad of ["0", "two", "1.5", "-1"]) {
      expect(() => parseEnv({ WEB_CONCURRENCY: bad })).toThrow(/WEB_CONCURRENCY: expected a number of processes/);
    }
    expect(() => parseEnv({ SHUTDOWN_TIMEOUT_SECONDS: "soon" })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
  });

  it("reads sizes with units and 'unlimited'", () => {
    const config = parseEnv({
      DEFAULT_QUOTA_BYTES: "unlimited",
      MAX_FILE_BYTES: "2GiB",
      MULTIPART_THRESHOLD: "100MB",
      BLOCKED_TYPES: "Video/*, application/x-msdownload",
    });
    expect(config.DEFAULT_QUOTA_BYTES).toBeNull();
    expect(config.MAX_FILE_BYTES).toBe(2 * 1024 ** 3);
    expect(config.MULTIPART_THRESHOLD).toBe(100_000_000);
    expect(config.BLOCKED_TYPES).toEqual(["video/*", "application/x-msdownload"]);
  });

  it("reads TRUST_PROXY as none, all, loopback or a number of hops", () => {
    expect(["false", "true", "loopback", "2"].map((v) => parseEnv({ TRUST_PROXY: v }).TRUST_PROXY)).toEqual([
      0,
      "all",
      "loopback",
      2,
    ]);
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ APP_URL: "localhost:3000" }, "APP_URL"],
    [{ REGISTRATION: "maybe" }, "REGISTRATION"],
    [{ DEFAULT_QUOTA_BYTES: "lots" }, "DEFAULT_QUOTA_BYTES"],
    [{ STORAGE_DRIVER: "ftp" }, "STORAGE_DRIVER"],
    [{ S3_FORCE_PATH_STYLE: "sure" }, "S3_FORCE_PATH_STYLE"],
    [{ TRUST_PROXY: "everyone" }, "TRUST_PROXY"],
    [{ SESSION_MAX_AGE_HOURS: "0" }, "SESSION_MAX_AGE_HOURS"],
    [{ SESSION_MAX_AGE_HOURS: "a day" }, "SESSION_MAX_AGE_HOURS"],
    [{ SESSION_MAX_AGE_HOURS: "721" }, "SESSION_MAX_AGE_HOURS"],
  ])("stops with a message naming the variable for %j", (source, name) => {
    expect(() => parseEnv(source)).toThrow(ConfigError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it("takes single sign-on whole or not at all, and refuses PASSWORD_SIGN_IN=false without it", () => {
    const oidc = {
      OIDC_ISSUER: "https://auth.example.com/app/",
      OIDC_CLIENT_ID: "stowage",
      OIDC_CLIENT_SECRET: "s3cret",
    };
    expect(parseEnv(oidc)).toMatchObject({
      OIDC_NAME: "Single sign-on",
      OIDC_GROUPS_CLAIM: "groups",
      OIDC_AUTO_CREATE: true,
      PASSWORD_SIGN_IN: true,
    });
    expect(parseEnv({ ...oidc, PASSWORD_SIGN_IN: "false", OIDC_AUTO_CREATE: "false" })).toMatchObject({
      PASSWORD_SIGN_IN: false,
      OIDC_AUTO_CREATE: false,
    });
    expect(() => parseEnv({ ...oidc, OIDC_CLIENT_SECRET: undefined })).toThrow(/OIDC_CLIENT_SECRET: must be set too/);
    expect(() => parseEnv({ OIDC_CLIENT_ID: "stowage" })).toThrow(/OIDC_ISSUER: must be set too/);
    expect(() => parseEnv({ PASSWORD_SIGN_IN: "false" })).toThrow(/PASSWORD_SIGN_IN: false needs single sign-on/);
    expect(() => parseEnv({ ...oidc, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER/);
    expect(() => parseEnv({ ...oidc, OIDC_AUTO_CREATE: "maybe" })).toThrow(/OIDC_AUTO_CREATE/);
    expect(() => parseEnv({ ...oidc, OIDC_AUTO_CREATE: "maybe" })).toThrow(ConfigError);
  });

  it("takes mail settings together, each named when wrong or missing", () => {
    const mail = { SMTP_URL: "smtp://user:pass@mail.example.com:587", MAIL_FROM: "Stowage <stowage@example.com>" };
    expect(parseEnv(mail)).toMatchObject(mail);
    expect(parseEnv({ ...mail, MAIL_FROM: "stowage@example.com" }).MAIL_FROM).toBe("stowage@example.com");
    expect(() => parseEnv({ SMTP_URL: mail.SMTP_URL })).toThrow(/MAIL_FROM: must be set too/);
    expect(() => parseEnv({ MAIL_FROM: mail.MAIL_FROM })).toThrow(/SMTP_URL: must be set too/);
    expect(() => parseEnv({ ...mail, SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ ...mail, MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
  });
});
