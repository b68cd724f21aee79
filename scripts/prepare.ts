// Runs before the operator commands (`npm run admin`, `storage:migrate`, …): the same checks and
// migrations as the server's start (server/prepare.ts).
import "./load-env";
import { prepare } from "../server/prepare";

process.umask(0o077);
console.log(await prepare());
