// A user with an API token, obtained only through the public HTTP API:
// POST /api/register -> next-auth credentials sign-in (csrf + callback) -> POST /api/tokens.
import crypto from "node:crypto";

function cookiesFrom(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0]!;
    const i = pair.indexOf("=");
    if (i > 0) jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

export interface BenchUser {
  email: string;
  token: string;
  /** The session cookie (a `Cookie` header value) of the sign-in. */
  cookie: string;
}

/** `origin`: the app's public origin (APP_URL), when `baseUrl` is one instance behind it. */
export async function userWithToken(baseUrl: string, origin = baseUrl): Promise<BenchUser> {
  const email = `bench-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const password = crypto.randomBytes(12).toString("base64url");
  await expectOk(
    await fetch(`${baseUrl}/api/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email, password, name: "Bench" }),
    }),
    "register",
  );

  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  cookiesFrom(csrfRes, jar);
  const { csrfToken } = (await expectOk(csrfRes, "csrf")) as { csrfToken: string };

  const signIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: origin, json: "true" }),
  });
  cookiesFrom(signIn, jar);
  await signIn.arrayBuffer();
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) {
    throw new Error(`sign-in: no session cookie (HTTP ${signIn.status}, location ${signIn.headers.get("location")})`);
  }

  const created = (await expectOk(
    await fetch(`${baseUrl}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookieHeader(jar), origin },
      body: JSON.stringify({ name: "bench" }),
    }),
    "create token",
  )) as { token: string };
  return { email, token: created.token, cookie: cookieHeader(jar) };
}
