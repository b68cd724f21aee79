// GET /s/{token}/download[?file=<id>] and POST with {password} (JSON or form): one counted
// download, answered with a 302 to a signed attachment URL valid for at most 5 minutes.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { shareDownload } from "@/lib/shares/download";
import { headNotAllowed, readPassword, redirect, tokenParams, visitFrom, visitorError } from "../visitor-http";

const query = z.object({ file: z.string().optional() });
const spec = { auth: "none", params: tokenParams, query, onError: visitorError } as const;

async function download(request: Request, token: string, fileId: string | undefined, password?: string) {
  const { url, unlock } = await shareDownload({ ...visitFrom(request, token), password }, fileId || undefined);
  return redirect(url, 302, unlock ? { token, value: unlock } : undefined);
}

export const GET = route(spec, ({ request, params, query }) => download(request, params.token, query.file));

export const POST = route(spec, async ({ request, params, query }) =>
  download(request, params.token, query.file, await readPassword(request)),
);

export const HEAD = async () => headNotAllowed("GET, POST");
