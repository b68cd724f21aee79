// Which database DATABASE_URL names: SQLite ("file:…", the zero-setup default) or PostgreSQL
// ("postgresql://…" or "postgres://…"). Shared by the client (lib/db.ts) and the migrations.
export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error('DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)');
}

/** The SQLite database file of a "file:" URL (relative to the working directory, like Prisma's). */
export function sqliteFile(url: string): string {
  return url.slice("file:".length).replace(/\?.*$/, "");
}

/**
 * A PostgreSQL URL's connection string and the schema named by its `?schema=` parameter (Prisma's
 * convention; the server itself does not know that parameter, so it is taken out).
 */
export function postgresConfig(url: string): { connectionString: string; schema: string | undefined } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}
