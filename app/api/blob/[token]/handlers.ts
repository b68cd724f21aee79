// Uploads and downloads of app-served storage URLs (local driver, S3 relay mode). The signed
// token in the path authorizes the request (lib/http/blob-endpoint.ts); uploads are
// accepted only while their upload session is open (lib/uploads), and nothing is served once
// the owner's account is disabled (lib/auth/users.ts).
import { handleBlobRequest } from "@/lib/http/blob-endpoint";
import { writableKey, writableKeys } from "@/lib/uploads";
import { isOwnerActive } from "@/lib/auth/users";

type Context = { params: Promise<{ token: string }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { token } = await params;
  return handleBlobRequest(request, token, { canWrite: writableKey, canWriteAll: writableKeys, isOwnerActive });
}

export const GET = handle;
export const HEAD = handle;
export const PUT = handle;
export const OPTIONS = handle;
