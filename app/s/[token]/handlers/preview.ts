// GET /s/{token}/preview?file=<id>: a short-lived inline URL for one safe-to-show file of the link
// (images, audio, video, PDF). Looking is not downloading, so nothing is counted.
import { sharePreviewUrl } from "@/lib/shares/download";
import { redirect, visitFrom, visitorError } from "../visitor-http";

export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  try {
    const fileId = new URL(request.url).searchParams.get("file") ?? "";
    return redirect(await sharePreviewUrl(visitFrom(request, token), fileId), 302);
  } catch (error) {
    return visitorError(request, token, error);
  }
}
