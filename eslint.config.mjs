// ESLint: Next's flat config (React, react-hooks v7 with the React Compiler rules, jsx-a11y, import,
// @next/next core-web-vitals) plus typescript-eslint's recommended rules. `npm run lint` runs it with
// `prettier --check`; formatting is Prettier's job, so no stylistic rules here.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      "dist/**",
      ".tmp/**",
      "data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "docs/screenshots/**",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Vitest files are not React: their `use*` helpers (useS3Storage) set up the test runner's
    // beforeAll/afterAll hooks at the top of the file, where the rules of React hooks do not apply.
    files: ["**/*.test.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
