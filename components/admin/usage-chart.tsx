"use client";

import { useSyncExternalStore } from "react";
import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatBytes } from "@/lib/bytes";
import type { AdminUserRow } from "@/lib/schemas/admin";
import { Skeleton, cardClass } from "./states";

function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(query);
      media.addEventListener("change", onChange);
      return () => media.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The accounts using the most storage, as bars labelled with their size in text (the colour
 * carries nothing a reader needs). Screen readers get the same figures as a list.
 */
export function UsageChart({ users }: { users: AdminUserRow[] | undefined }) {
  const dark = useMedia("(prefers-color-scheme: dark)");
  const wide = useMedia("(min-width: 640px)");
  // Room for the email beside the bars: up to 8 px a character at 12 px.
  const labelWidth = wide ? 200 : 112;
  const top = (users ?? []).filter((u) => u.usedBytes > 0);
  const text = dark ? "#e4e4e7" : "#3f3f46";
  return (
    <figure className={cardClass} aria-labelledby="top-users-caption">
      <figcaption id="top-users-caption" className="text-sm font-semibold">
        Top users by storage
      </figcaption>
      {!users ? (
        <div className="mt-4 space-y-3" aria-hidden>
          {[80, 60, 45, 30].map((w) => (
            <Skeleton key={w} className="h-5" />
          ))}
        </div>
      ) : top.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Nobody stores anything yet.</p>
      ) : (
        <>
          <ul className="sr-only">
            {top.map((u) => (
              <li key={u.id}>
                {u.email}: {formatBytes(u.usedBytes)}
              </li>
            ))}
          </ul>
          <div aria-hidden className="mt-2" style={{ height: top.length * 34 + 8 }} data-testid="usage-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={top.map((u) => ({ label: shorten(u.email, Math.floor(labelWidth / 8)), usedBytes: u.usedBytes }))}
                layout="vertical"
                margin={{ top: 4, right: 64, bottom: 4, left: 12 }}
                accessibilityLayer={false}
              >
                <XAxis type="number" hide domain={[0, "dataMax"]} />
                <YAxis
                  type="category"
                  dataKey="label"
                  width={labelWidth}
                  tickLine={false}
                  axisLine={false}
                  tick={{ fill: text, fontSize: 12 }}
                />
                <Bar
                  dataKey="usedBytes"
                  fill={dark ? "#818cf8" : "#4f46e5"}
                  radius={[0, 4, 4, 0]}
                  barSize={18}
                  isAnimationActive={false}
                >
                  <LabelList
                    dataKey="usedBytes"
                    position="right"
                    formatter={(v: unknown) => formatBytes(Number(v))}
                    style={{ fill: text, fontSize: 12 }}
                  />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
    </figure>
  );
}
