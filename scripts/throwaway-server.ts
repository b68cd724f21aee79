// The environment of a production server on a throw-away data folder, and its migrated
// database: shared by the browser tests (e2e/support/serve.ts) and the benchmarks (bench/).
import { execFileSync } from "node:child_process";
import path from "node:path";

export function throwawayServerEnv(
  dataDir: string,
  port: number | string,
  overrides: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "stowage.db")}`,
    APP_URL: `http://localhost:${port}`,
    PORT: String(port),
    ...overrides,
  };
}

/** Applies the committed migrations to the environment's database (this checkout's scripts/migrate.ts). */
export function migrateDatabase(env: NodeJS.ProcessEnv, repo = process.cwd()): void {
  execFileSync(path.join(repo, "node_modules", ".bin", "tsx"), [path.join(repo, "scripts", "migrate.ts")], {
    cwd: repo,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
