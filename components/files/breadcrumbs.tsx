import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { focusRing } from "@/components/ui/button";
import type { PathEntry } from "@/lib/client/api";

/** "My files › Photos › 2024": every step a link but the current folder. */
export function Breadcrumbs({ path }: { path: PathEntry[] }) {
  const steps = [{ id: null as string | null, name: "My files" }, ...path];
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 flex-wrap items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400">
        {steps.map((step, i) => {
          const last = i === steps.length - 1;
          return (
            <li key={step.id ?? "root"} className="flex min-w-0 items-center gap-1">
              {i > 0 && <ChevronRight className="size-3.5 shrink-0 text-zinc-400" aria-hidden />}
              {last ? (
                <span aria-current="page" className="truncate font-medium text-zinc-900 dark:text-zinc-100">
                  {step.name}
                </span>
              ) : (
                <Link
                  href={step.id ? `/files/${step.id}` : "/files"}
                  className={`truncate rounded px-0.5 hover:text-indigo-700 hover:underline dark:hover:text-indigo-300 ${focusRing}`}
                >
                  {step.name}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
