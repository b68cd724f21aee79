// GET /s/{token}/zip[?folder=<id>]: "Download all" of a folder link, streamed; counts one download.
// With `?as=json` it counts the download and answers 200 `{url, downloadsLeft}` instead, `url` being
// this zip with a `ticket` that is not counted again (lib/shares/zip-ticket.ts): the public page's
// script starts that, so a refused zip shows as a message, never as a saved error file.
import { z } from "zod";
import { attachment, json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { shareZip, shareZipTicket } from "@/lib/shares/download";
import {
  headNotAllowed,
  pagePath,
  PUBLIC_HEADERS,
  publicHeaders,
  tokenParams,
  visitFrom,
  visitorError,
} from "../visitor-http";

const query = z.object({
  folder: z.string().optional(),
  as: z.enum(["json"]).optional(),
  ticket: z.string().max(200).optional(),
});

export const GET = route(
  { auth: "none", params: tokenParams, query, onError: visitorError },
  async ({ request, params, query }) => {
    const visit = visitFrom(request, params.token);
    const folder = query.folder || undefined;
    if (query.as === "json") {
      const { ticket, downloadsLeft, unlock } = await shareZipTicket(visit, folder);
      const search = new URLSearchParams({ ...(folder ? { folder } : {}), ticket });
      const url = `${pagePath(params.token)}/zip?${search}`;
      return json(
        { url, downloadsLeft },
        { headers: publicHeaders(unlock ? { token: params.token, value: unlock } : undefined) },
      );
    }
    const zip = await shareZip(visit, folder, query.ticket);
    const response = attachment(zip.stream, { filename: zip.filename, type: "application/zip", length: zip.length });
    for (const [name, value] of Object.entries(PUBLIC_HEADERS)) response.headers.set(name, value);
    return response;
  },
);

export const HEAD = async () => headNotAllowed("GET");
