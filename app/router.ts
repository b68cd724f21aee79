// The app's router over its one route table. The table loads on first use (a module that fails to
// load answers 500 in the API's error shape, and is tried again on the next request). Published for
// the server's direct path (lib/http/direct.ts) as soon as Next loads this module.
import { publishRouter } from "@/lib/http/direct";
import { createRouter } from "@/lib/http/router";

export const router = createRouter(async () => (await import("./routes")).routes);
publishRouter(router);
