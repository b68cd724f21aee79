// next-auth configuration: email + password (unless PASSWORD_SIGN_IN=false), plus OIDC single
// sign-on, GitHub and Google when their variables are set.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { env, oidcConfigured } from "../env";
import { requestClient, stampedClientAddress } from "../http/host-headers";
import { deviceCookie } from "./device";
import { appSecret } from "../secret";
import { DomainError } from "../errors";
import { safeRedirect } from "./callback";
import { checkCredentials } from "./users";
import { checkSecondFactor, secondFactorRequired } from "./totp";
import { userForExternalSignIn, type ExternalProfile } from "./identities";
import { discover, externalProfile, OIDC_PROVIDER_ID, oidcProvider, scopesFor } from "./oidc";
import { sessionMaxAgeSeconds, type SessionToken } from "./session-cookie";
import { endSignedOutSession, sessionHolder, startSession } from "./sessions";
import type { ClientInfo } from "../files/access";

/** Which outside sign-in providers are configured (the sign-in page shows only these). */
export function oauthProviders(): { id: "oidc" | "github" | "google"; name: string }[] {
  const config = env();
  const list: { id: "oidc" | "github" | "google"; name: string }[] = [];
  if (oidcConfigured(config)) list.push({ id: OIDC_PROVIDER_ID, name: config.OIDC_NAME });
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

/**
 * The options for a request of next-auth's own routes: with OIDC configured, its provider asks
 * for the scopes the provider's discovery document advertises (read at most every 5 minutes).
 */
export async function authOptionsForRequest(): Promise<AuthOptions> {
  const base = authOptions();
  if (!oidcConfigured()) return base;
  const oidc = oidcProvider(scopesFor(await discover()));
  return { ...base, providers: [...base.providers, ...(oidc ? [oidc] : [])] };
}

export function authOptions(): AuthOptions {
  if (cached) return cached;
  const config = env();
  // next-auth reads its public URL from NEXTAUTH_URL; ours is APP_URL.
  process.env.NEXTAUTH_URL ??= config.APP_URL;

  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Authentication code", type: "text" },
      },
      async authorize(credentials, req) {
        // Single sign-on only: the password door is shut (app passwords and API tokens still work).
        if (!env().PASSWORD_SIGN_IN) throw new Error("PasswordSignInOff");
        if (!credentials?.email || !credentials.password) return null;
        try {
          const headers = req?.headers as Record<string, unknown> | undefined;
          const userAgent = typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : null;
          const client = { address: stampedClientAddress(headers), cookies: headers?.cookie, userAgent };
          const user = await checkCredentials(credentials.email, credentials.password, client);
          if (!user) return null;
          // The second factor: the form asks for the code when told it is required.
          if (await secondFactorRequired(user.id)) {
            const code = credentials.code?.trim();
            if (!code) throw new Error("SecondFactorRequired");
            if (!(await checkSecondFactor(user.id, code))) throw new Error("WrongCode");
          }
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
        if (!account) return false;
        const config = env();
        const claims = (profile ?? {}) as Record<string, unknown>;
        const external: ExternalProfile =
          account.provider === OIDC_PROVIDER_ID
            ? externalProfile(OIDC_PROVIDER_ID, claims, config)
            : {
                provider: account.provider,
                subject: account.providerAccountId,
                email: user.email ?? null,
                // GitHub's provider only ever returns the account's verified primary address.
                emailVerified: account.provider === "github" || claims.email_verified === true,
                name: user.name ?? null,
              };
        // Single sign-on follows OIDC_AUTO_CREATE and the admin group; GitHub and Google follow REGISTRATION.
        const policy =
          account.provider === OIDC_PROVIDER_ID
            ? { autoCreate: config.OIDC_AUTO_CREATE, adminGroup: config.OIDC_ADMIN_GROUP }
            : { autoCreate: config.REGISTRATION === "open" };
        const outcome = await userForExternalSignIn(external, policy, await currentClient());
        if ("refused" in outcome) return `/signin?error=${outcome.refused}`;
        user.id = outcome.user.id;
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
          user: {
            ...session.user,
            id: current.id,
            email: current.email,
            name: current.name,
            role: current.role,
            enrolmentDue: current.enrolmentDue,
          },
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
