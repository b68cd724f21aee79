// A real OpenID Connect provider for tests: `oidc-provider` (the certified Node implementation)
// in this process, on 127.0.0.1 and a free port. Its development login form accepts any login
// name (the account id) and any password; the people it knows are in `accounts`, which a test may
// change between sign-ins (groups, a verified email). ID tokens carry only `sub` (the provider's
// default: claims go to userinfo when an access token is issued), so the app's userinfo path runs.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface TestPerson {
  email: string;
  emailVerified: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  /** The issuer, e.g. http://127.0.0.1:43125 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people by login name (account id); change them freely. */
  accounts: Map<string, TestPerson>;
  /** The app's OIDC_* settings pointing at this provider. */
  appEnv: Record<string, string>;
  /** Stops answering (the port stays bound by nothing: requests are refused), e.g. "provider down". */
  stop(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUris: string[]; port?: number }): Promise<TestOidcProvider> {
  const { default: Provider } = await import("oidc-provider");
  const accounts = new Map<string, TestPerson>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "stowage-test";
  const clientSecret = "stowage-test-secret-0123456789abcdef";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    // A first-party client: consent is given here (oidc-provider's documented way to skip its prompt).
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["test-cookie-key-0123456789"] },
    async findAccount(_ctx, id) {
      const person = accounts.get(id);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: person.email,
            email_verified: person.emailVerified,
            name: person.name,
            ...(person.groups ? { groups: person.groups } : {}),
          };
        },
      };
    },
  });
  // oidc-provider warns about its development defaults (keys, interactions): expected in tests.
  provider.on("server_error", (_ctx: unknown, error: Error) => console.error("oidc-provider:", error));
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    appEnv: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
