"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TwoFactorPanel } from "@/components/settings/two-factor-panel";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/client/sign-out";

/** The enrolment page's body: the TOTP set-up, then on to the app; or sign out instead. */
export function EnrolmentSteps() {
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  return (
    <>
      <TwoFactorPanel onEnrolled={() => router.replace("/files")} />
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
