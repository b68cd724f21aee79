// `npm run sweep`: abort expired uploads and purge old trash once (the server also does this on an interval).
import "./load-env";
import { sweepExpiredUploads } from "../lib/uploads/sweep";
import { disconnectDb } from "../lib/db";

const result = await sweepExpiredUploads();
console.log(
  `Aborted ${result.aborted} expired upload(s), purged ${result.purged} trashed file(s) and folder(s)${result.failed ? `, ${result.failed} failed (see the log)` : ""}.`,
);
await disconnectDb();
process.exit(result.failed ? 1 : 0);
