// GET /s/{token}/preview?file=<id>: a short-lived inline URL for one safe-to-show file of the link
// (images, audio, video, PDF). It counts as a download on a link with a download limit.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { sharePreviewUrl } from "@/lib/shares/download";
import { headNotAllowed, redirect, tokenParams, visitFrom, visitorError } from "../visitor-http";

const query = z.object({ file: z.string().default("") });

export const GET = route(
  { auth: "none", params: tokenParams, query, onError: visitorError },
  async ({ request, params, query }) =>
    redirect(await sharePreviewUrl(visitFrom(request, params.token), query.file), 302),
);

export const HEAD = async () => headNotAllowed("GET");
