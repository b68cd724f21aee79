"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck, ShieldOff, Unlink } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/client/format";
import { getIdentities, getUserSecondFactor, removeIdentity, resetUserSecondFactor } from "@/lib/client/admin-sign-in";
import type { ConfirmRequest } from "./dialog";
import { ErrorState, Skeleton, cardClass } from "./states";

const PROVIDER_NAMES: Record<string, string> = { github: "GitHub", google: "Google" };

/**
 * A user's sign-in in the drill-down: linked identities (each removable) and the second factor
 * (resettable after a lost phone). Every change is confirmed and lands in the audit log.
 */
export function UserSignIn({
  userId,
  email,
  ssoName,
  confirm,
}: {
  userId: string;
  email: string;
  /** OIDC_NAME: how the single sign-on provider is called on this server. */
  ssoName: string;
  confirm: (request: ConfirmRequest) => void;
}) {
  const client = useQueryClient();
  const key = ["admin", "user", userId, "sign-in"] as const;
  const identities = useQuery({
    queryKey: [...key, "identities"],
    queryFn: ({ signal }) => getIdentities(userId, { signal }),
  });
  const secondFactor = useQuery({
    queryKey: [...key, "two-factor"],
    queryFn: ({ signal }) => getUserSecondFactor(userId, { signal }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const unlink = useMutation({ mutationFn: (id: string) => removeIdentity(userId, id), onSettled: refresh });
  const reset = useMutation({ mutationFn: () => resetUserSecondFactor(userId), onSettled: refresh });
  const providerName = (id: string) => (id === "oidc" ? ssoName : (PROVIDER_NAMES[id] ?? id));

  if (identities.isPending || secondFactor.isPending) {
    return (
      <section className={cardClass} role="status" aria-label="Loading sign-in methods">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="mt-3 h-5 w-72" />
      </section>
    );
  }
  if (identities.isError || secondFactor.isError) {
    return (
      <ErrorState
        title="Couldn't load sign-in methods"
        message={(identities.error ?? secondFactor.error)?.message}
        onRetry={() => void refresh()}
      />
    );
  }
  const totpOn = secondFactor.data.totp;
  return (
    <section className={cardClass} aria-labelledby="user-sign-in-heading">
      <h2 id="user-sign-in-heading" className="text-sm font-semibold">
        Sign-in
      </h2>
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
        <p className="flex flex-1 items-center gap-2" data-testid="user-second-factor">
          {totpOn ? (
            <ShieldCheck className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />
          ) : (
            <ShieldOff className="size-4 text-zinc-500" aria-hidden />
          )}
          {totpOn
            ? `Two-factor on (authenticator app) · ${secondFactor.data.recoveryCodesLeft} recovery codes left`
            : "Two-factor off"}
        </p>
        {totpOn && (
          <Button
            variant="secondary"
            onClick={() =>
              confirm({
                title: `Reset ${email}'s two-factor authentication?`,
                message:
                  "Their authenticator app and recovery codes stop working. They can sign in with their password alone and set it up again.",
                confirmLabel: "Reset two-factor",
                run: () => reset.mutateAsync().then(() => toast.success("Two-factor authentication reset.")),
              })
            }
          >
            Reset two-factor
          </Button>
        )}
      </div>
      <h3 className="mt-4 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        Linked identities
      </h3>
      {identities.data.items.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">None: this account signs in with its password.</p>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="user-identities">
          {identities.data.items.map((identity) => (
            <li key={identity.id} className="flex flex-wrap items-center gap-3 py-2">
              <span className="min-w-0 flex-1">
                <span className="font-medium">{providerName(identity.provider)}</span>
                {identity.email ? ` · ${identity.email}` : ""}
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  Linked {formatDateTime(new Date(identity.createdAt))}
                  {identity.lastUsedAt ? ` · last used ${formatDateTime(new Date(identity.lastUsedAt))}` : ""}
                </span>
              </span>
              <Button
                variant="secondary"
                aria-label={`Remove ${providerName(identity.provider)} identity`}
                onClick={() =>
                  confirm({
                    title: `Remove the ${providerName(identity.provider)} identity?`,
                    message:
                      "Signing in with it no longer reaches this account, unless it is linked again by a verified email.",
                    confirmLabel: "Remove",
                    run: () => unlink.mutateAsync(identity.id).then(() => toast.success("Identity removed.")),
                  })
                }
              >
                <Unlink className="size-4" aria-hidden /> Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
