// The app's router over its one route table. The table loads on first use (a module that fails to
// load answers 500 in the API's error shape, and is tried again on the next request).
import { createRouter } from "@/lib/http/router";

export const router = createRouter(async () => (await import("./routes")).routes);
