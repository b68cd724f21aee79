// OpenID Connect single sign-on with any standards-compliant provider (Authentik, Keycloak,
// Authelia, Pocket-ID, Google Workspace, Entra ID…), configured by the OIDC_* variables. next-auth
// (through openid-client) runs the flow: discovery, PKCE, state and nonce, ID token validation.
// This module adds what next-auth leaves to us: which scopes to ask for, the groups claim
// (from the ID token, else from userinfo) and the profile the account rules need.
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env, oidcConfigured, type Env } from "../env";
import { log } from "../log";
import { perProcess } from "../per-process";
import type { ExternalProfile } from "./identities";

export const OIDC_PROVIDER_ID = "oidc";

interface Discovery {
  scopes_supported?: string[];
  userinfo_endpoint?: string;
}

/** Discovery documents by issuer, kept five minutes (the flow itself discovers again through openid-client). */
const discoveries = perProcess("oidc-discovery", () => new Map<string, { at: number; doc: Discovery }>());
const DISCOVERY_TTL_MS = 5 * 60_000;

function wellKnown(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

/** The provider's discovery document, or null when it cannot be reached (the flow then reports it). */
export async function discover(config: Env = env()): Promise<Discovery | null> {
  const issuer = config.OIDC_ISSUER!;
  const cached = discoveries.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.doc;
  try {
    const res = await fetch(wellKnown(issuer), { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const doc = (await res.json()) as Discovery;
    discoveries.set(issuer, { at: Date.now(), doc });
    return doc;
  } catch (error) {
    log.warn("OIDC discovery failed", { issuer, error: String(error) });
    return null;
  }
}

/** The scopes to ask for: `groups` only when the provider advertises it (others refuse unknown scopes). */
export function scopesFor(doc: Discovery | null): string {
  const scopes = ["openid", "email", "profile"];
  if (doc?.scopes_supported?.includes("groups")) scopes.push("groups");
  return scopes.join(" ");
}

/** A claim's groups as a list of names (providers send an array, some a single string). */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] | undefined {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return undefined;
}

/** What the account rules need from a provider's claims (ID token merged with userinfo). */
export function externalProfile(
  provider: string,
  claims: Record<string, unknown>,
  config: Env = env(),
): ExternalProfile {
  const email = typeof claims.email === "string" ? claims.email : null;
  const name =
    typeof claims.name === "string"
      ? claims.name
      : typeof claims.preferred_username === "string"
        ? claims.preferred_username
        : null;
  // Some providers send "true" as a string.
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return {
    provider,
    subject: String(claims.sub),
    email,
    emailVerified: verified,
    name,
    groups: groupsOf(claims, config.OIDC_GROUPS_CLAIM),
  };
}

/** The next-auth provider for OIDC_*, or null when single sign-on is not configured. */
export function oidcProvider(scope: string, config: Env = env()): OAuthConfig<Record<string, unknown>> | null {
  if (!oidcConfigured(config)) return null;
  const groupsClaim = config.OIDC_GROUPS_CLAIM;
  return {
    id: OIDC_PROVIDER_ID,
    name: config.OIDC_NAME,
    type: "oauth",
    wellKnown: wellKnown(config.OIDC_ISSUER!),
    clientId: config.OIDC_CLIENT_ID!,
    clientSecret: config.OIDC_CLIENT_SECRET!,
    authorization: { params: { scope } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      // The ID token's claims (validated by openid-client), with userinfo's when the email or the
      // groups claim is not in the token: many providers put them only in userinfo.
      async request({ tokens, client }) {
        // openid-client's TokenSet: claims() are the ID token's, already validated by the callback.
        const claims = (tokens as unknown as { claims(): Record<string, unknown> }).claims();
        const complete = claims.email !== undefined && claims[groupsClaim] !== undefined;
        if (complete || !tokens.access_token || !client.issuer.metadata.userinfo_endpoint) return claims;
        const info = (await client.userinfo(tokens.access_token)) as Record<string, unknown>;
        // The ID token's subject is the one validated: a userinfo answer for someone else is ignored.
        return info.sub === claims.sub ? { ...info, ...claims } : claims;
      },
    },
    profile(claims) {
      return {
        id: String(claims.sub),
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}
