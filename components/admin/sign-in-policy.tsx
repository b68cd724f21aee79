"use client";

import { ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { focusRing } from "@/components/ui/button";
import { getSignInPolicy, setSignInPolicy } from "@/lib/client/admin-sign-in";
import type { TwoFactorPolicy } from "@/lib/schemas/accounts";
import { ErrorState, Skeleton, cardClass } from "./states";

const CHOICES: { value: TwoFactorPolicy; label: string; hint: string }[] = [
  { value: "off", label: "Optional", hint: "Each person decides for themselves." },
  { value: "admins", label: "Required for admins", hint: "Administrators must set up a second factor." },
  { value: "everyone", label: "Required for everyone", hint: "Every account with a password must set one up." },
];

const POLICY_KEY = ["admin", "sign-in-policy"] as const;

/** The console's sign-in policy: who must use two-factor authentication (lib/auth/policy.ts). */
export function SignInPolicyCard() {
  const router = useRouter();
  const client = useQueryClient();
  const policy = useQuery({ queryKey: POLICY_KEY, queryFn: ({ signal }) => getSignInPolicy({ signal }) });
  const change = useMutation({
    mutationFn: setSignInPolicy,
    onSuccess: (saved) => {
      client.setQueryData(POLICY_KEY, saved);
      toast.success("Sign-in policy saved.");
      // If it now covers this admin (no second factor yet), the pages send them to set one up.
      router.refresh();
    },
    onError: (error: Error) => toast.error(error.message),
  });
  return (
    <section className={cardClass} aria-labelledby="sign-in-policy-heading">
      <h2 id="sign-in-policy-heading" className="flex items-center gap-2 text-sm font-semibold">
        <ShieldCheck className="size-4" aria-hidden /> Two-factor authentication
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        People it covers who have no second factor yet are asked to set one up before they can go on. Single sign-on
        accounts are left to their identity provider.
      </p>
      {policy.isPending ? (
        <div className="mt-3 space-y-2" role="status" aria-label="Loading the sign-in policy">
          <Skeleton className="h-5 w-56" />
          <Skeleton className="h-5 w-64" />
        </div>
      ) : policy.isError ? (
        <div className="mt-3">
          <ErrorState
            title="Couldn't load the sign-in policy"
            message={policy.error.message}
            onRetry={() => void policy.refetch()}
          />
        </div>
      ) : (
        <fieldset className="mt-3" disabled={change.isPending}>
          <legend className="sr-only">Who must use two-factor authentication</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {CHOICES.map((choice) => (
              <label
                key={choice.value}
                className="flex cursor-pointer gap-2 rounded-lg border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50/60 dark:border-zinc-700 dark:has-[:checked]:border-indigo-400 dark:has-[:checked]:bg-indigo-950/30"
              >
                <input
                  type="radio"
                  name="two-factor-policy"
                  value={choice.value}
                  // While saving, the choice being saved shows as chosen.
                  checked={(change.isPending ? change.variables : policy.data.twoFactorRequired) === choice.value}
                  onChange={() => change.mutate(choice.value)}
                  className={`mt-0.5 accent-indigo-600 ${focusRing}`}
                />
                <span>
                  <span className="font-medium">{choice.label}</span>
                  <span className="block text-zinc-600 dark:text-zinc-400">{choice.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </section>
  );
}
