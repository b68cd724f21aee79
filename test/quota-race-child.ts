// One side of the cross-process quota race (lib/quota/quota.processes.test.ts): at `startAt` (ms),
// starts `count` uploads of `size` bytes, all named the same, for one user at once, and prints what happened
// as one JSON line: {created, refused, errors}. The database comes from the environment.
import { createUpload } from "../lib/uploads/create";
import { userActor } from "../lib/files/access";
import { db, disconnectDb } from "../lib/db";

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
const errors = outcomes
  .filter((o) => o.status === "rejected" && (o.reason as { code?: string }).code !== "quota_exceeded")
  .map((o) => String((o as PromiseRejectedResult).reason).slice(0, 300));
console.log(
  JSON.stringify({
    created: outcomes.filter((o) => o.status === "fulfilled").length,
    refused: outcomes.filter(
      (o) => o.status === "rejected" && (o.reason as { code?: string }).code === "quota_exceeded",
    ).length,
    errors,
  }),
);
await disconnectDb();
