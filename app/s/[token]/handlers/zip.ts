// GET /s/{token}/zip[?folder=<id>]: "Download all" of a folder link, streamed; counts one download.
import { attachment } from "@/lib/http/respond";
import { shareZip } from "@/lib/shares/download";
import { PUBLIC_HEADERS, visitFrom, visitorError } from "../visitor-http";

export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  try {
    const folderId = new URL(request.url).searchParams.get("folder") || undefined;
    const zip = await shareZip(visitFrom(request, token), folderId);
    const response = attachment(zip.stream, { filename: zip.filename, type: "application/zip", length: zip.length });
    for (const [name, value] of Object.entries(PUBLIC_HEADERS)) response.headers.set(name, value);
    return response;
  } catch (error) {
    return visitorError(request, token, error);
  }
}
