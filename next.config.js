// @ts-check
import { nextHeaderRules } from "./lib/http/security-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time, not bundled (native modules among them).
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3", "@aws-sdk/client-s3"],
  poweredByHeader: false,
  // `npm start` builds the app where only production dependencies are installed, so the test
  // files' imports (vitest, Playwright) cannot be type-checked there. The whole project is
  // type-checked by `npm run typecheck` (`npm test`'s first step) instead of by every build.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return nextHeaderRules();
  },
};

export default nextConfig;
