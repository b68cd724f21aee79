/** `wordOnWideScreens`: the name only from the small breakpoint up (the app's header on a phone has no room). */
export function Logo({
  className = "",
  wordOnWideScreens = false,
}: {
  className?: string;
  wordOnWideScreens?: boolean;
}) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
        <rect width="32" height="32" rx="7" className="fill-indigo-600" />
        <path
          d="M8 11.5 16 7l8 4.5v9L16 25l-8-4.5z M8 11.5 16 16l8-4.5M16 16v9"
          fill="none"
          stroke="#fff"
          strokeWidth="2"
          strokeLinejoin="round"
        />
      </svg>
      <span className={wordOnWideScreens ? "hidden sm:inline" : undefined}>Stowage</span>
    </span>
  );
}
