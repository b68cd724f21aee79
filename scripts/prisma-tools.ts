// What the database scripts share: the derived PostgreSQL schema, and Prisma 6.19's CLI (installed
// as `prisma-migrate`) for `migrate diff`. Prisma 7's CLI wants a native schema engine for every
// `migrate` command, which cannot be downloaded on an offline machine; 6.19 still has the JS engine.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export const SOURCE_SCHEMA = "prisma/schema.prisma";
/** The schema of the last SQLite migration: new migrations are the difference from it. */
export const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
export const MIGRATIONS: Record<Provider, string> = {
  sqlite: "prisma/migrations",
  postgresql: "prisma/postgresql/migrations",
};

/**
 * Prisma's CLIs look for native engine files at start-up even when they never run them. Point them
 * at a script that fails, so a command that does need one stops loudly instead of doing nothing
 * (an empty file runs as an empty script and "succeeds").
 */
export function applyEnginePlaceholders(): void {
  const placeholder = path.join(process.cwd(), "node_modules", ".prisma-engine-placeholder");
  if (!fs.existsSync(placeholder) || fs.readFileSync(placeholder, "utf8") === "") {
    fs.mkdirSync(path.dirname(placeholder), { recursive: true });
    fs.writeFileSync(placeholder, "#!/bin/sh\necho 'Stowage: no native Prisma engine here' >&2\nexit 1\n");
  }
  fs.chmodSync(placeholder, 0o755);
  process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= placeholder;
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;
}

const DERIVED_NOTICE = "// Derived from prisma/schema.prisma by `npm run db:derive`. Do not edit: edit the source.\n";

/** The PostgreSQL copy of a SQLite schema: the provider and the generated client's folder differ. */
export function derivePostgresSchema(source: string): string {
  const derived = source
    .replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(/(output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"');
  if (!derived.includes('"postgresql"') || !derived.includes("prisma-pg")) {
    throw new Error(`${SOURCE_SCHEMA}: expected provider "sqlite" and output "../lib/generated/prisma"`);
  }
  return DERIVED_NOTICE + derived;
}

const WORK = path.join("node_modules", ".cache", "stowage-prisma");
/** Each run's own file names: runs may overlap (test files run in parallel). */
let runs = 0;
function workFile(name: string): string {
  fs.mkdirSync(WORK, { recursive: true }); // a fresh clone has no cache folder yet
  return path.resolve(WORK, `${process.pid}-${++runs}-${name}`);
}

/** 6.19 wants the datasource URL in the schema itself. */
function schemaFor619(schema: string): string {
  const target = workFile("schema.prisma");
  const withUrl = schema
    .replace(/^\s*url\s*=.*\n/m, "")
    .replace(/(datasource db \{)/, '$1\n  url = env("DATABASE_URL")');
  fs.writeFileSync(target, withUrl);
  return target;
}

/** 6.19's JS engine through Prisma 7's driver adapter on DATABASE_URL; optionally a schema and a migrations folder. */
function configFor619(provider: Provider, files: { schema?: string; migrations?: string }): string {
  const config = workFile(`prisma-${provider}.config.ts`);
  const adapter =
    provider === "sqlite"
      ? `import { PrismaBetterSqlite3 as Adapter } from "@prisma/adapter-better-sqlite3";\nconst options = { url: process.env.DATABASE_URL };`
      : `import { PrismaPg as Adapter } from "@prisma/adapter-pg";\nconst options = { connectionString: process.env.DATABASE_URL };`;
  const paths = {
    ...(files.schema ? { schema: path.resolve(files.schema) } : {}),
    ...(files.migrations ? { migrations: { path: path.resolve(files.migrations) } } : {}),
  };
  const settings = JSON.stringify(paths).slice(1, -1);
  fs.writeFileSync(
    config,
    `${adapter}\nexport default { experimental: { adapter: true }, engine: "js", ${settings ? `${settings}, ` : ""}` +
      `adapter: async () => new Adapter(options) };\n`,
  );
  return config;
}

/**
 * Runs Prisma 6.19's CLI (the `prisma-migrate` dev dependency) on the database at `url` with `args`
 * after `--config`; its exit status and output.
 */
export function prisma619(
  provider: Provider,
  url: string,
  args: string[],
  files: { schema?: string; migrations?: string } = {},
): { status: number; stdout: string; stderr: string } {
  fs.mkdirSync(WORK, { recursive: true });
  applyEnginePlaceholders();
  const config = configFor619(provider, files);
  try {
    const result = spawnSync(
      process.execPath,
      [path.join("node_modules", "prisma-migrate", "build", "index.js"), ...args, "--config", config],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
    );
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    fs.rmSync(config, { force: true });
  }
}

/**
 * The SQL that takes a database from schema `from` (null = empty) to schema `to`, both given as
 * text for `provider`; "" when they are equivalent.
 */
export function migrationSql(provider: Provider, from: string | null, to: string): string {
  const files = [from === null ? null : schemaFor619(from), schemaFor619(to)];
  try {
    const args = ["migrate", "diff"];
    args.push(...(files[0] === null ? ["--from-empty"] : ["--from-schema-datamodel", files[0]]));
    args.push("--to-schema-datamodel", files[1]!, "--script");
    const url = provider === "sqlite" ? "file::memory:" : postgresUrlForTools();
    const { status, stdout, stderr } = prisma619(provider, url, args);
    if (status !== 0) throw new Error(`prisma migrate diff failed (exit ${status}):\n${stderr}`);
    return stdout.replace(/--.*$/gm, "").trim() ? stdout : "";
  } finally {
    for (const file of files) if (file) fs.rmSync(file, { force: true });
  }
}

/**
 * Prisma 6.19's own `migrate status` or `migrate deploy` on the database at `url`, with the committed
 * migrations (or `migrations`): Prisma's verdict on what lib/db-migrate.ts recorded. Status exits 0
 * and says "Database schema is up to date!" when nothing is left to apply.
 */
export function prismaMigrate(
  provider: Provider,
  url: string,
  command: "status" | "deploy",
  migrations = MIGRATIONS[provider],
): { status: number; output: string } {
  const schema = schemaFor619(fs.readFileSync(provider === "sqlite" ? SOURCE_SCHEMA : POSTGRES_SCHEMA, "utf8"));
  try {
    const { status, stdout, stderr } = prisma619(provider, url, ["migrate", command], { schema, migrations });
    return { status, output: stdout + stderr };
  } finally {
    fs.rmSync(schema, { force: true });
  }
}

/**
 * 6.19's JS engine connects even to diff two schemas for PostgreSQL (it creates nothing): any
 * reachable server will do. DATABASE_URL or TEST_DATABASE_URL when one is PostgreSQL.
 */
export function postgresUrlForTools(): string {
  const url = [process.env.DATABASE_URL, process.env.TEST_DATABASE_URL].find((u) => u && /^postgres(ql)?:/.test(u));
  if (!url) {
    throw new Error(
      "Writing the PostgreSQL migration needs a reachable PostgreSQL server (Prisma's diff connects to one; " +
        "nothing is changed there): set TEST_DATABASE_URL=postgresql://… and run the command again.",
    );
  }
  return url;
}
