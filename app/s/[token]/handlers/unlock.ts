// POST /s/{token}/unlock (the public page's password form; works without JavaScript): checks the
// password through the same gate as downloads, remembers it in a cookie scoped to the link, and
// sends the browser back to the page. Nothing is counted.
import { route } from "@/lib/http/route";
import { admitVisitor } from "@/lib/shares/visit";
import { pagePath, readPassword, redirect, tokenParams, visitFrom, visitorError } from "../visitor-http";

export const POST = route(
  { auth: "none", params: tokenParams, onError: visitorError },
  async ({ request, params: { token } }) => {
    const password = (await readPassword(request)) ?? "";
    const { unlock } = await admitVisitor({ ...visitFrom(request, token), password, purpose: { kind: "view" } });
    return redirect(pagePath(token), 303, unlock ? { token, value: unlock } : undefined);
  },
);
