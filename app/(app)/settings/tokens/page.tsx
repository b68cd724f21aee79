import type { Metadata } from "next";
import { TokensPanel } from "@/components/settings/tokens-panel";
import { SignOutEverywhere } from "@/components/settings/sign-out-everywhere";
import { SessionsPanel } from "@/components/settings/sessions-panel";
import { WebDavPanel } from "@/components/settings/webdav-panel";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API tokens" };

export default function TokensPage() {
  const hours = env().SESSION_MAX_AGE_HOURS;
  return (
    <section className="max-w-3xl">
      <h1 className="text-xl font-semibold">API tokens</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Scripts use a token as{" "}
        <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs dark:bg-zinc-800">
          Authorization: Bearer &lt;token&gt;
        </code>
        . A token acts as you; revoke it when it is no longer needed.
      </p>
      <TokensPanel />
      <WebDavPanel appUrl={env().APP_URL} />
      <h2 className="mt-10 text-base font-semibold">Sessions</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Each browser signed in to your account. A session ends when it signs out, or after{" "}
        {hours === 24 ? "a day" : `${hours} hours`} without use. Don’t recognise one, or lost a device? End it here, or
        sign out everywhere to end every session of your account at once.
      </p>
      <SessionsPanel />
      <SignOutEverywhere />
    </section>
  );
}
