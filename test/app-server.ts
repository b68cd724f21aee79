// The app over real HTTP without Next: the same host (server/host.ts) and the same router
// (app/router.ts) as `npm start`, with the pages left out (they need Next: the Playwright phase
// covers them). Tests use startAppServer() in-process, or run this file as a child process when they
// must kill it (crash consistency):
//
//   node --import tsx test/app-server.ts        (PORT, APP_URL, DATABASE_URL, DATA_DIR… from the environment)
//
// which prints `ready <port>` on stdout once listening.
import { router } from "@/app/router";
import { env } from "@/lib/env";
import { host } from "@/server/host";
import { listen, nodeListener, type TestServer } from "./fetch-server";

export function startAppServer(port = 0): Promise<TestServer> {
  return listen(host(nodeListener(router.dispatch, env().APP_URL), { trustProxy: env().TRUST_PROXY }), port);
}

if (process.argv[1]?.endsWith("app-server.ts")) {
  const server = await startAppServer(env().PORT);
  console.log(`ready ${server.port}`);
}
