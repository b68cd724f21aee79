// One side of the cross-process quota race (lib/quota/quota.processes.test.ts): at `startAt` (ms),
// starts `count` uploads of `size` bytes, all named the same, for one user at once, and prints what happened
// as one JSON line: {created, refused, busy, errors}: refused = quota_exceeded, busy = what the API
// answers 503 (the database could not take it in time), errors = anything else (a 500).
import { createUpload } from "../lib/uploads/create";
import { userActor } from "../lib/files/access";
import { db, disconnectDb } from "../lib/db";
import { toErrorResponse } from "../lib/http/respond";

const [userId, count, size, startAt] = process.argv.slice(2).map((v, i) => (i === 0 ? v : Number(v))) as [
  string,
  number,
  number,
  number,
];
await db.user.findUniqueOrThrow({ where: { id: userId } }); // connected and warm before the start
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const outcomes = await Promise.allSettled(
  Array.from({ length: count }, () =>
    createUpload(userActor(userId), { name: "race.bin", size, type: "application/octet-stream", folderId: null }),
  ),
);
const rejected = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as { code?: string }] : []));
const isRefused = (reason: { code?: string }) => reason.code === "quota_exceeded";
const isBusy = (reason: unknown) => !isRefused(reason as { code?: string }) && toErrorResponse(reason).status === 503;
console.log(
  JSON.stringify({
    created: outcomes.length - rejected.length,
    refused: rejected.filter(isRefused).length,
    busy: rejected.filter(isBusy).length,
    errors: rejected.filter((r) => !isRefused(r) && !isBusy(r)).map((r) => String(r).slice(0, 300)),
  }),
);
await disconnectDb();
