// Scripts read .env like Next does, so `npm start`, the CLI and the server agree.
import fs from "node:fs";

for (const file of [".env.local", ".env"]) {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
