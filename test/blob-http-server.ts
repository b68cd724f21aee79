// A server for the storage drivers' own tests: `/api/blob/<token>` answered by handleBlobRequest
// alone (no upload sessions, no accounts), so app-served storage URLs (local driver, S3 relay mode)
// are exercised over real HTTP without the app.
import { handleBlobRequest } from "@/lib/http/blob-endpoint";
import { listen, nodeListener, type TestServer } from "./fetch-server";

export type BlobTestServer = TestServer;

export function startBlobServer(): Promise<BlobTestServer> {
  return listen(
    nodeListener(async (request) => {
      const match = /^\/api\/blob\/([^/]+)$/.exec(new URL(request.url).pathname);
      if (!match) return new Response(null, { status: 404 });
      return handleBlobRequest(request, decodeURIComponent(match[1]!));
    }),
  );
}
