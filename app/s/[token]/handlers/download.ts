// GET /s/{token}/download[?file=<id>] and POST with {password} (JSON or form): one counted
// download, answered with a 302 to a signed attachment URL valid for at most 5 minutes.
// With `?as=json` the answer is 200 `{url, downloadsLeft}` instead: the public page's script uses it
// to start the download itself and show what the link has left (errors stay JSON, never a saved file).
import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { shareDownload } from "@/lib/shares/download";
import {
  headNotAllowed,
  publicHeaders,
  readPassword,
  redirect,
  tokenParams,
  visitFrom,
  visitorError,
} from "../visitor-http";

const query = z.object({ file: z.string().optional(), as: z.enum(["json"]).optional() });
const spec = { auth: "none", params: tokenParams, query, onError: visitorError } as const;

async function download(request: Request, token: string, q: z.infer<typeof query>, password?: string) {
  const { url, unlock, downloadsLeft } = await shareDownload(
    { ...visitFrom(request, token), password },
    q.file || undefined,
  );
  const remembered = unlock ? { token, value: unlock } : undefined;
  if (q.as === "json") return json({ url, downloadsLeft }, { headers: publicHeaders(remembered) });
  return redirect(url, 302, remembered);
}

export const GET = route(spec, ({ request, params, query }) => download(request, params.token, query));

export const POST = route(spec, async ({ request, params, query }) =>
  download(request, params.token, query, await readPassword(request)),
);

export const HEAD = async () => headNotAllowed("GET, POST");
