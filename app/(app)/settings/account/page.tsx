import type { Metadata } from "next";
import { AppPasswordsPanel } from "@/components/settings/app-passwords-panel";
import { PasskeysPanel } from "@/components/settings/passkeys-panel";
import { ChangePasswordForm, NameForm } from "@/components/settings/account-panel";
import { TwoFactorPanel } from "@/components/settings/two-factor-panel";
import { signInMethods } from "@/lib/auth/account";
import { requireSessionUser } from "@/lib/auth/server";
import { env } from "@/lib/env";
import { userActor } from "@/lib/files/access";
import { myGroups } from "@/lib/groups/groups";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

const PROVIDER_NAMES: Record<string, string> = { github: "GitHub", google: "Google" };

export default async function AccountPage() {
  const user = await requireSessionUser();
  const methods = await signInMethods(user.id);
  const groups = (await myGroups(userActor(user.id))).items;
  const config = env();
  const providerName = (id: string) => (id === "oidc" ? config.OIDC_NAME : (PROVIDER_NAMES[id] ?? id));
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">Your account</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Signed in as {user.email}.</p>
      <NameForm name={user.name} />

      <h2 className="mt-10 text-base font-semibold">Sign-in methods</h2>
      <ul className="mt-3 space-y-1 text-sm" data-testid="sign-in-methods">
        {methods.hasPassword && config.PASSWORD_SIGN_IN && <li>Email and password</li>}
        {methods.identities.map((identity) => (
          <li key={identity.id}>
            {providerName(identity.provider)}
            {identity.email ? ` (${identity.email})` : ""}
          </li>
        ))}
        {!methods.hasPassword && methods.identities.length === 0 && (
          <li className="text-zinc-500 dark:text-zinc-400">None yet: ask an administrator for a set-password link.</li>
        )}
      </ul>

      <h2 className="mt-10 text-base font-semibold">Your groups</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        What is shared with a group is shared with you. Administrators manage groups
        {config.OIDC_ISSUER ? `; groups from ${config.OIDC_NAME} follow your sign-ins there` : ""}.
      </p>
      <ul className="mt-3 space-y-1 text-sm" data-testid="my-groups">
        {groups.map((group) => (
          <li key={group.id}>
            {group.name}
            {group.provider ? (
              <span className="text-zinc-500 dark:text-zinc-400"> · from {config.OIDC_NAME}</span>
            ) : null}
          </li>
        ))}
        {groups.length === 0 && <li className="text-zinc-500 dark:text-zinc-400">You are in no group.</li>}
      </ul>

      {methods.hasPassword && config.PASSWORD_SIGN_IN && (
        <>
          <h2 className="mt-10 text-base font-semibold">Change password</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Every other browser signed in to your account is signed out; this one stays signed in.
          </p>
          <ChangePasswordForm />
          <h2 className="mt-10 text-base font-semibold">Two-factor authentication</h2>
          <TwoFactorPanel />
        </>
      )}

      <h2 className="mt-10 text-base font-semibold">Passkeys</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Sign in with your fingerprint, face or security key instead of a password. With a password, a passkey is also
        accepted as the second step of signing in.
      </p>
      <PasskeysPanel />

      <h2 className="mt-10 text-base font-semibold">App passwords</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        For WebDAV clients, rclone and scripts that ask for a user name and password: use your email and an app
        password, one per device, so that you can revoke one without touching the others. They work even when you sign
        in with single sign-on.
      </p>
      <AppPasswordsPanel email={user.email} />
    </section>
  );
}
