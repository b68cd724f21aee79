// GET /s/{token}/download[?file=<id>] and POST with {password} (JSON or form): one counted
// download, answered with a 302 to a signed attachment URL valid for at most 5 minutes.
import { shareDownload } from "@/lib/shares/download";
import { PUBLIC_HEADERS, readPassword, redirect, visitFrom, visitorError } from "../visitor-http";

type Context = { params: Promise<{ token: string }> };

async function download(request: Request, token: string, password?: string): Promise<Response> {
  const fileId = new URL(request.url).searchParams.get("file") || undefined;
  const { url, unlock } = await shareDownload({ ...visitFrom(request, token), password }, fileId);
  return redirect(url, 302, unlock ? { token, value: unlock } : undefined);
}

export async function GET(request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  try {
    return await download(request, token);
  } catch (error) {
    return visitorError(request, token, error);
  }
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  try {
    return await download(request, token, await readPassword(request));
  } catch (error) {
    return visitorError(request, token, error);
  }
}

/** Not derived from GET (Next would): a link checker's HEAD must not use up a download. */
export function HEAD(): Response {
  return new Response(null, { status: 405, headers: { allow: "GET, POST", ...PUBLIC_HEADERS } });
}
