import type { HTMLAttributes } from "react";

type Tone = "accent" | "success" | "danger" | "warning" | "neutral";
type Size = "xs" | "sm" | "md";

const TONES: Record<Tone, string> = {
  accent: "bg-indigo-600 dark:bg-indigo-500",
  success: "bg-emerald-500 dark:bg-emerald-400",
  danger: "bg-red-500 dark:bg-red-400",
  warning: "bg-amber-500 dark:bg-amber-400",
  neutral: "bg-zinc-400 dark:bg-zinc-500",
};

const SIZES: Record<Size, string> = { xs: "h-1", sm: "h-1.5", md: "h-2" };

export interface ProgressProps extends Omit<HTMLAttributes<HTMLDivElement>, "children"> {
  /** 0..max; null for an indeterminate bar (work going on, amount unknown). */
  value: number | null;
  max?: number;
  tone?: Tone;
  size?: Size;
  /** Accessible name, e.g. "Uploading report.pdf". Use `aria-labelledby` instead when a visible label exists. */
  label?: string;
  /** Spoken instead of the percentage, e.g. "3.2 MB of 10 MB". */
  valueText?: string;
}

/** A progress bar (role="progressbar") with aria-valuenow as a whole percentage. */
export function Progress({
  value,
  max = 100,
  tone = "accent",
  size = "sm",
  label,
  valueText,
  className = "",
  ...rest
}: ProgressProps) {
  const percent = value === null || max <= 0 ? null : Math.min(100, Math.max(0, (value / max) * 100));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent === null ? undefined : Math.round(percent)}
      aria-valuetext={valueText}
      className={`relative w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800 ${SIZES[size]} ${className}`}
      {...rest}
    >
      {percent === null ? (
        <div className={`absolute inset-0 animate-pulse rounded-full opacity-60 ${TONES[tone]}`} />
      ) : (
        <div
          className={`h-full w-full rounded-full transition-transform duration-300 ease-out motion-reduce:transition-none ${TONES[tone]}`}
          style={{ transform: `translateX(${percent - 100}%)` }}
        />
      )}
    </div>
  );
}
