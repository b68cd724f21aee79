// Uploads and downloads of app-served storage URLs (local driver, S3 relay mode). The signed
// token in the path is the whole authorization; see lib/storage/blob-endpoint.ts.
import { handleBlobRequest } from "@/lib/storage/blob-endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { token } = await params;
  return handleBlobRequest(request, token);
}

export const GET = handle;
export const HEAD = handle;
export const PUT = handle;
export const OPTIONS = handle;
