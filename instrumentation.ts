// Next calls register() once when the server starts: run the upload sweeper on an interval.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startSweeper } = await import("./lib/uploads/sweeper-timer");
  startSweeper();
}
