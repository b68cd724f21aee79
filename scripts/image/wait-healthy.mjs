// Waits until <url>/api/health answers 200 (polling, up to <seconds>, default 180); exits 1 otherwise,
// at once when the container named by the third argument is no longer running.
import { execFileSync } from "node:child_process";

const [url, seconds = "180", container] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
let last = "no answer";
while (Date.now() < deadline) {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    if (response.ok) {
      console.log(`healthy: ${url} (${await response.text()})`);
      process.exit(0);
    }
    last = `HTTP ${response.status} ${await response.text()}`;
  } catch (error) {
    last = String(error?.cause ?? error);
  }
  if (container) {
    const state = execFileSync("podman", ["inspect", "--format", "{{.State.Status}}", container]).toString().trim();
    if (state !== "running") {
      console.error(`${container} is ${state}, not running (${url}: ${last})`);
      process.exit(1);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
console.error(`not healthy after ${seconds} s: ${url} (${last})`);
process.exit(1);
