// The server of `npm start` and `npm run dev --dev`, compiled by the build step (scripts/build-server.mjs
// → dist/server/main.mjs): the primary process prepares and supervises (server/primary.ts), the
// workers serve (server/worker.ts).
import { isDev } from "./environment";
import cluster from "node:cluster";
import { runPrimary } from "./primary";
import { serve } from "./worker";

void (cluster.isPrimary ? runPrimary({ dev: isDev }) : serve({ dev: isDev }));
