// next-auth configuration: email + password, plus GitHub / Google when their variables are set.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { env } from "../env";
import { requestClient, stampedClientAddress } from "../http/host-headers";
import { deviceCookie } from "./device";
import { appSecret } from "../secret";
import { DomainError } from "../errors";
import { safeRedirect } from "./callback";
import { checkCredentials, userForOAuth } from "./users";
import { sessionMaxAgeSeconds, type SessionToken } from "./session-cookie";
import { endSignedOutSession, sessionHolder, startSession } from "./sessions";
import type { ClientInfo } from "../files/access";

/** Which OAuth providers are configured (the sign-in page shows only these). */
export function oauthProviders(): { id: "github" | "google"; name: string }[] {
  const config = env();
  const list: { id: "github" | "google"; name: string }[] = [];
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) list.push({ id: "github", name: "GitHub" });
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

/** The client of the request being served (for the sessions list and the audit log); none outside a request (tests). */
async function currentClient(): Promise<ClientInfo | undefined> {
  try {
    // Loaded here, not at the top: this module is also imported outside a request (tests).
    const { headers } = await import("next/headers");
    return requestClient(new Headers(await headers()));
  } catch {
    return undefined;
  }
}

let cached: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  if (cached) return cached;
  const config = env();
  // next-auth reads its public URL from NEXTAUTH_URL; ours is APP_URL.
  process.env.NEXTAUTH_URL ??= config.APP_URL;

  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        try {
          const headers = req?.headers as Record<string, unknown> | undefined;
          const userAgent = typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : null;
          const client = { address: stampedClientAddress(headers), cookies: headers?.cookie, userAgent };
          const user = await checkCredentials(credentials.email, credentials.password, client);
          if (!user) return null;
          // Remember this browser as a known device of the account (keeping its id if it had one).
          // next/headers loaded here, not at the top: this module is also imported outside a request (tests).
          const { cookies } = await import("next/headers");
          const device = deviceCookie(user.id, user.deviceId ?? undefined);
          (await cookies()).set(device.name, device.value, device.options);
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          // next-auth passes an Error's message to the sign-in page as ?error=
          if (error instanceof DomainError && error.code === "forbidden") throw new Error("AccountDisabled");
          if (error instanceof DomainError && error.code === "rate_limited") throw new Error("TooManyAttempts");
          throw error;
        }
      },
    }),
  ];
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    providers.push(GitHubProvider({ clientId: config.GITHUB_CLIENT_ID, clientSecret: config.GITHUB_CLIENT_SECRET }));
  }
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: config.GOOGLE_CLIENT_ID, clientSecret: config.GOOGLE_CLIENT_SECRET }));
  }

  cached = {
    secret: appSecret(),
    // Short-lived, renewed while in use (lib/auth/session-cookie.ts); each one a server-side row
    // (lib/auth/sessions.ts) that sign-out, the sessions list and lib/auth/revoke.ts end.
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      // Where next-auth sends the browser after OAuth sign-in and sign-out: this site only.
      async redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
      async signIn({ user, account, profile }) {
        if (account?.provider === "credentials") return true;
        if (!user.email) return false;
        // Accounts are matched by email, so only an address the provider has verified may claim one.
        // (GitHub's provider only ever returns the account's verified primary address.)
        if (
          account?.provider === "google" &&
          (profile as { email_verified?: boolean } | undefined)?.email_verified !== true
        ) {
          return "/signin?error=AccessDenied";
        }
        const { headers } = await import("next/headers");
        const client = requestClient(new Headers(await headers()));
        const local = await userForOAuth(user.email, user.name ?? null, account?.provider, client);
        if (!local) return "/signin?error=AccessDenied";
        user.id = local.id;
        return true;
      },
      async jwt({ token, user }) {
        // At sign-in: a new server-side session; the cookie names it and carries the account's
        // session version, which ending every session bumps.
        if (user) Object.assign(token, { sub: user.id, ...(await startSession(user.id, await currentClient())) });
        return token;
      },
      async session({ session, token }) {
        // Role and name come from the database, so an admin's change applies at once.
        const current = await sessionHolder(token as SessionToken);
        if (!current) return { ...session, user: undefined } as unknown as typeof session;
        return {
          ...session,
          user: { ...session.user, id: current.id, email: current.email, name: current.name, role: current.role },
        };
      },
    },
    events: {
      // POST /api/auth/signout: next-auth clears the cookie and hands us the token it held, whose
      // session ends here, so a copy of the cookie taken before sign-out stops working too.
      async signOut({ token }) {
        await endSignedOutSession(token as SessionToken | null, await currentClient());
      },
    },
  };
  return cached;
}
