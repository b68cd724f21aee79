// Waits until <url>/api/health answers 200 (polling, up to <seconds>, default 180); exits 1 otherwise.
const [url, seconds = "180"] = process.argv.slice(2);
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
  await new Promise((resolve) => setTimeout(resolve, 500));
}
console.error(`not healthy after ${seconds} s: ${url} (${last})`);
process.exit(1);
