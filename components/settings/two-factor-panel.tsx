"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/auth/form-alert";
import {
  confirmTotp,
  disableSecondFactor,
  secondFactorStatus,
  startTotp,
  type SecondFactorStatus,
} from "@/lib/client/account";

type Enrolment = { secret: string; qrSvg: string };

/**
 * Two-factor: set up TOTP (QR code, secret as text, a first code), recovery codes shown once, turn
 * off. `onEnrolled`: the enrolment page's way on once the codes are saved.
 */
export function TwoFactorPanel({ onEnrolled }: { onEnrolled?: () => void } = {}) {
  const [status, setStatus] = useState<SecondFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const load = useCallback(async () => {
    try {
      setStatus(await secondFactorStatus());
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only after its await (react/react#34905)
    void load();
  }, [load]);

  async function run(action: () => Promise<void>) {
    setPending(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  const codeOf = (event: FormEvent<HTMLFormElement>) => String(new FormData(event.currentTarget).get("code") ?? "");

  if (status === null) {
    return error ? (
      <FormAlert>{error}</FormAlert>
    ) : (
      <div
        className="mt-4 h-10 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800"
        role="status"
        aria-label="Loading two-factor settings"
      />
    );
  }

  if (recoveryCodes) {
    return (
      <div
        className="mt-4 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm dark:border-emerald-900 dark:bg-emerald-950/40"
        role="status"
      >
        <p className="font-medium">
          Two-factor authentication is on. Save these recovery codes now: they will not be shown again.
        </p>
        <p className="mt-1">Each one signs you in once if you lose your phone.</p>
        <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-xs" data-testid="recovery-codes">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <Button
          className="mt-4"
          variant="secondary"
          onClick={() => {
            if (onEnrolled) return onEnrolled();
            setRecoveryCodes(undefined);
            void load();
          }}
        >
          {onEnrolled ? "I have saved them, continue" : "I have saved them"}
        </Button>
      </div>
    );
  }

  if (status.totp) {
    return (
      <form
        className="mt-4 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const code = codeOf(event);
          void run(async () => {
            await disableSecondFactor(code);
            toast.success("Two-factor authentication is off.");
            await load();
          });
        }}
      >
        <p className="flex items-center gap-2 text-sm">
          <ShieldCheck className="size-4 text-emerald-600" aria-hidden /> On, with an authenticator app ·{" "}
          {status.recoveryCodesLeft} recovery codes left
        </p>
        {error && <FormAlert>{error}</FormAlert>}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Field label="Code to turn it off" name="code" autoComplete="one-time-code" required className="flex-1" />
          <Button type="submit" variant="secondary" loading={pending}>
            Turn off
          </Button>
        </div>
      </form>
    );
  }

  if (enrolment) {
    return (
      <form
        className="mt-4 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const code = codeOf(event);
          void run(async () => setRecoveryCodes((await confirmTotp(code)).recoveryCodes));
        }}
      >
        <p className="text-sm">
          Scan this code with an authenticator app, or type the key in it, then enter the code it shows.
        </p>
        {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG made on the server, not a remote image */}
        <img
          src={`data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`}
          alt="QR code for your authenticator app"
          className="size-44 rounded-md bg-white p-2"
        />
        <p className="text-sm">
          Key:{" "}
          <code
            className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs dark:bg-zinc-800"
            data-testid="totp-secret"
          >
            {enrolment.secret}
          </code>
        </p>
        {error && <FormAlert>{error}</FormAlert>}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Field
            label="Code from the app"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            className="flex-1"
          />
          <Button type="submit" loading={pending}>
            Turn on
          </Button>
        </div>
      </form>
    );
  }

  return (
    <div className="mt-4 space-y-3">
      {error && <FormAlert>{error}</FormAlert>}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Off. With it on, signing in with your password also asks for a code from your phone.
      </p>
      <Button onClick={() => void run(async () => setEnrolment(await startTotp()))} loading={pending}>
        Set up two-factor authentication
      </Button>
    </div>
  );
}
