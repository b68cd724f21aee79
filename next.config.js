// @ts-check
import { nextHeaderRules } from "./lib/http/security-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and Prisma's driver adapter load from node_modules at run time.
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@aws-sdk/client-s3"],
  poweredByHeader: false,
  async headers() {
    return nextHeaderRules();
  },
};

export default nextConfig;
