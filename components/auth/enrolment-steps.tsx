"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PasskeysPanel } from "@/components/settings/passkeys-panel";
import { TwoFactorPanel } from "@/components/settings/two-factor-panel";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/client/sign-out";

/** The enrolment page's body: an authenticator app or a passkey, then on to the app; or sign out instead. */
export function EnrolmentSteps() {
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  return (
    <>
      <h2 className="mt-6 text-base font-semibold">With an authenticator app</h2>
      <TwoFactorPanel onEnrolled={() => router.replace("/files")} />
      <h2 className="mt-8 text-base font-semibold">Or with a passkey</h2>
      <PasskeysPanel onAdded={() => router.replace("/files")} />
      <div className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button
          variant="ghost"
          loading={leaving}
          onClick={() => {
            setLeaving(true);
            void signOut().catch(() => setLeaving(false));
          }}
        >
          Sign out
        </Button>
      </div>
    </>
  );
}
