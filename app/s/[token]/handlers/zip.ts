// GET /s/{token}/zip[?folder=<id>]: "Download all" of a folder link, streamed; counts one download.
import { z } from "zod";
import { attachment } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { shareZip } from "@/lib/shares/download";
import { headNotAllowed, PUBLIC_HEADERS, tokenParams, visitFrom, visitorError } from "../visitor-http";

const query = z.object({ folder: z.string().optional() });

export const GET = route(
  { auth: "none", params: tokenParams, query, onError: visitorError },
  async ({ request, params, query }) => {
    const zip = await shareZip(visitFrom(request, params.token), query.folder || undefined);
    const response = attachment(zip.stream, { filename: zip.filename, type: "application/zip", length: zip.length });
    for (const [name, value] of Object.entries(PUBLIC_HEADERS)) response.headers.set(name, value);
    return response;
  },
);

export const HEAD = async () => headNotAllowed("GET");
