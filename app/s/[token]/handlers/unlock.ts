// POST /s/{token}/unlock (the public page's password form; works without JavaScript): checks the
// password through the same gate as downloads, remembers it in a cookie scoped to the link, and
// sends the browser back to the page. Nothing is counted.
import { admitVisitor } from "@/lib/shares/visit";
import { pagePath, readPassword, redirect, visitFrom, visitorError } from "../visitor-http";

export async function POST(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  try {
    const password = (await readPassword(request)) ?? "";
    const { unlock } = await admitVisitor({ ...visitFrom(request, token), password, purpose: { kind: "view" } });
    return redirect(pagePath(token), 303, unlock ? { token, value: unlock } : undefined);
  } catch (error) {
    return visitorError(request, token, error);
  }
}
