// Imported first by the server: Next and React read NODE_ENV when they load, and .env is read as
// Next reads it, so the server, the app and the CLI agree.
import fs from "node:fs";

const dev = process.argv.includes("--dev");
Object.assign(process.env, {
  NODE_ENV: process.env.NODE_ENV ?? (dev ? "development" : "production"),
  NEXT_TELEMETRY_DISABLED: "1",
});
for (const file of [".env.local", ".env"]) {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
// Everything the server writes into the data folder (database journals, the generated secret,
// stored objects) is private to this account, whatever umask the operator's shell has.
process.umask(0o077);

export const isDev = dev;
