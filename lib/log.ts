// Structured one-line logs (JSON) on stdout. Never pass secrets, tokens or signed URLs.
import { env } from "./env";

type Level = "debug" | "info" | "warn" | "error";
const ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

function emit(level: Level, msg: string, fields?: Record<string, unknown>): void {
  let threshold: number = ORDER.info;
  try {
    threshold = ORDER[env().LOG_LEVEL];
  } catch {
    // configuration not loadable yet: keep the default level
  }
  if (ORDER[level] < threshold) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }, (_k, v) =>
    typeof v === "bigint" ? Number(v) : v,
  );
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => emit("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => emit("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => emit("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => emit("error", msg, fields),
};
