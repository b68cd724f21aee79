// Where the journeys save their screenshots: .tmp/screenshots on every test run (so `npm test`
// leaves the working tree clean), docs/ when `npm run screenshots` refreshes the README's pictures.
import path from "node:path";

export function screenshotPath(file: string): string {
  return path.join(process.env.STOWAGE_DOC_SCREENSHOTS === "1" ? "docs" : path.join(".tmp", "screenshots"), file);
}
