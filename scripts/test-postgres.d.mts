// Types of scripts/test-postgres.mjs for the TypeScript that imports it (bench/postgres.ts).
/** TEST_DATABASE_URL, else the URL of a local server that lets this OS user in, else null. */
export function findTestPostgres(): Promise<string | null>;
