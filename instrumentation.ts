// Next calls register() once when the server starts: run the upload sweeper on an interval and the media workers, and stop
// them (then close the database) when the server shuts down (server/shutdown.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startSweeper, stopSweeper } = await import("./lib/uploads/sweeper-timer");
  const { startMediaWorkers, stopMediaWorkers } = await import("./lib/media/worker-timer");
  const { disconnectDb } = await import("./lib/db");
  const { onShutdown } = await import("./lib/lifecycle");
  startSweeper();
  startMediaWorkers();
  onShutdown(async () => {
    await Promise.all([stopSweeper(), stopMediaWorkers()]);
    await disconnectDb();
  });
}
