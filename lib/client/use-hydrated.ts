import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, then true. A button whose work
 * is all in an onClick (it opens a menu or a dialog) stays disabled until then: a click on the
 * server-drawn button before hydration would do nothing and be lost (slow devices; the tests that
 * click at once — the cause of their failures that passed on a retry).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
