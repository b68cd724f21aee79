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
import { audit, userActor, type ClientInfo } from "../files/access";
import { db } from "../db";
import { userForPasskey } from "./passkeys";

/** next-auth's id of the passkey sign-in (POST /api/auth/callback/passkey). */
export const PASSKEY_PROVIDER_ID = "passkey";

/** The authenticator's answer as the browser posted it (JSON text), or null. */
function parsePasskeyResponse(text: string | undefined) {
  if (!text || text.length > 64 * 1024) return null;
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return value && typeof value === "object" && typeof value.id === "string" ? (value as never) : null;
  } catch {
    return null;
  }
}

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
        // A passkey as the second factor: the challenge's id and the authenticator's answer (JSON).
        passkeyChallenge: { type: "text" },
        passkeyResponse: { type: "text" },
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
            if (credentials.passkeyChallenge && credentials.passkeyResponse) {
              const response = parsePasskeyResponse(credentials.passkeyResponse);
              const holder =
                response &&
                (await userForPasskey(credentials.passkeyChallenge, response, {
                  expectedUserId: user.id,
                  client: { ip: client.address, userAgent },
                }));
              if (!holder) throw new Error("PasskeyFailed");
            } else if (!code) throw new Error("SecondFactorRequired");
            else if (!(await checkSecondFactor(user.id, code))) throw new Error("WrongCode");
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
  // Sign-in with a passkey instead of a password (lib/auth/passkeys.ts): no email typed, the
  // authenticator offers this site's passkeys. Not shut by PASSWORD_SIGN_IN=false: it is no password.
  providers.push(
    CredentialsProvider({
      id: PASSKEY_PROVIDER_ID,
      name: "Passkey",
      credentials: { challengeId: { type: "text" }, response: { type: "text" } },
      async authorize(credentials, req) {
        const response = parsePasskeyResponse(credentials?.response);
        if (!credentials?.challengeId || !response) return null;
        const headers = req?.headers as Record<string, unknown> | undefined;
        const userAgent = typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : null;
        const client = { ip: stampedClientAddress(headers), userAgent };
        const userId = await userForPasskey(credentials.challengeId, response, { client });
        if (!userId) throw new Error("PasskeyFailed");
        const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
        await audit(db, userActor(userId, client), "auth.sign_in.ok", userId, { email: user.email, method: "passkey" });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  );
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
        if (account?.provider === "credentials" || account?.provider === PASSKEY_PROVIDER_ID) return true;
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
