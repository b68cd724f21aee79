// Once per vitest run: with TEST_DATABASE_URL, the migrated template database every test file
// copies (test/setup.ts), removed with the file copies at the end.
import type { TestProject } from "vitest/node";
import { createTemplate, dropDatabases } from "../scripts/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide("postgresTemplate", null);
    return;
  }
  const prefix = `stowage_test_${process.pid}_`;
  await dropDatabases(base, prefix);
  project.provide("postgresTemplate", await createTemplate(base, prefix));
  return () => dropDatabases(base, prefix);
}
