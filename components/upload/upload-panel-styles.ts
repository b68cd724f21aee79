// Button looks shared by the upload panel's header, rows and footer.
import { focusRing } from "@/components/ui/button";

export const iconButton = `inline-flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-900 disabled:pointer-events-none disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${focusRing}`;
export const textButton = `rounded-md px-2 py-1 text-xs font-medium transition-colors ${focusRing}`;
/** A quiet text button (Cancel all, Clear finished). */
export const neutralTextButton = `${textButton} text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100`;

/**
 * Set on <html> while the panel shows: its height plus its margin, for room at the bottom of
 * scrolling lists. Here rather than in upload-panel.tsx so the layout can use it without loading the panel.
 */
export const PANEL_INSET_VAR = "--upload-panel-inset";
