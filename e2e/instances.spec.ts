// Two app instances (each `npm start` with two processes) on ONE database (PostgreSQL when
// TEST_DATABASE_URL names a server, as in `npm test` and CI; else one SQLite file) and ONE bucket (the test
// S3 server), with requests alternating between them as a load balancer would send them: sessions
// valid on both, quotas exact under a race split across both, uploads (single PUT and multipart)
// created on one and completed and downloaded through the other, and one sweeper run at a time
// across all four processes (the JobLease). No browser.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { userWithToken } from "../bench/auth";
import { freshDataDir, migrate, startApp, type AppProcess } from "./support/app-process";
import { createDatabase, dropDatabase } from "../scripts/postgres";

const BASE = Number(process.env.E2E_PORT ?? 3210);
const PORTS = [BASE + 2, BASE + 3];
const MiB = 1024 * 1024;

test("two instances share one database and one bucket: sessions, exact quotas, uploads, one sweeper", async () => {
  test.skip(test.info().project.name !== "local", "one run is enough: it starts its own servers and bucket");
  test.setTimeout(300_000);
  const dirs = [freshDataDir("instance-a"), freshDataDir("instance-b"), freshDataDir("instances-db")];
  const { startS3Server } = await import("../test/s3-server");
  const s3 = await startS3Server();
  const apps: AppProcess[] = [];
  const postgres = process.env.TEST_DATABASE_URL;
  const postgresName = `stowage_instances_${crypto.randomBytes(4).toString("hex")}`;
  try {
    let sharedDatabase = `file:${path.join(dirs[2]!, "stowage.db")}`;
    if (postgres) sharedDatabase = await createDatabase(postgres, postgresName);
    test.info().annotations.push({ type: "database", description: postgres ? "postgresql" : "sqlite" });
    migrate(dirs[2]!, { DATABASE_URL: sharedDatabase });
    // What every instance behind one load balancer shares: the public URL, the secret, the database, the bucket.
    const origin = `http://localhost:${PORTS[0]}`;
    const shared = {
      APP_URL: origin,
      DATABASE_URL: sharedDatabase,
      WEB_CONCURRENCY: "2",
      ...s3.appEnv,
      DEFAULT_QUOTA_BYTES: "20MiB",
      MULTIPART_THRESHOLD: "4MiB",
      SWEEP_INTERVAL_SECONDS: "1",
      LOG_LEVEL: "debug",
    };
    apps.push(...(await Promise.all(PORTS.map((port, i) => startApp(dirs[i]!, port, shared)))));
    const [a, b] = apps as [AppProcess, AppProcess];
    const at = (i: number) => apps[i % 2]!;

    await userWithToken(a.url, origin); // the first account (the admin)
    const user = await userWithToken(b.url, origin); // signed in on b
    // Sessions: the cookie from b's sign-in works on a.
    for (const app of [a, b]) {
      const me = await fetch(`${app.url}/api/me`, { headers: { cookie: user.cookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { email: string } }).user.email).toBe(user.email);
    }

    const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
    const api = (app: AppProcess, method: string, route: string, body?: unknown) =>
      fetch(`${app.url}${route}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "manual",
      });
    const create = (app: AppProcess, name: string, size: number) =>
      api(app, "POST", "/api/uploads", { name, size, type: "application/octet-stream" });

    // Quota: 30 reservations of 1 MiB against 20 MiB, all at once, split across both instances.
    const race = await Promise.all(Array.from({ length: 30 }, (_, i) => create(at(i), `race-${i}.bin`, MiB)));
    const statuses = race.map((res) => res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 413)).toHaveLength(10);
    const granted = await Promise.all(race.filter((res) => res.status === 201).map((res) => res.json()));
    const aborted = await Promise.all(
      granted.map((u: { uploadId: string }, i) => api(at(i), "DELETE", `/api/uploads/${u.uploadId}`)),
    );
    expect(aborted.map((res) => res.status)).toEqual(granted.map(() => 204));
    // Every byte came back: exactly the whole quota fits again, and not one byte more.
    const whole = await create(b, "whole.bin", 20 * MiB);
    expect(whole.status).toBe(201);
    expect((await create(a, "one-more.bin", 1)).status).toBe(413);
    expect(
      (await api(a, "DELETE", `/api/uploads/${((await whole.json()) as { uploadId: string }).uploadId}`)).status,
    ).toBe(204);

    // A single PUT: created on a, completed on b, listed on a, downloaded through b.
    const small = crypto.randomBytes(1024);
    const single = (await (await create(a, "small.bin", small.length)).json()) as {
      uploadId: string;
      url: string;
      headers: Record<string, string>;
    };
    expect((await fetch(single.url, { method: "PUT", headers: single.headers, body: small })).status).toBe(200);
    expect((await api(b, "POST", `/api/uploads/${single.uploadId}/complete`, {})).status).toBe(200);

    // Multipart (above the 4 MiB threshold: 8 MiB parts): created on b, parts signed on a, completed on a.
    const big = crypto.randomBytes(9 * MiB + 123);
    const multi = (await (await create(b, "big.bin", big.length)).json()) as {
      uploadId: string;
      multipart: { partSize: number; partCount: number };
    };
    expect(multi.multipart.partCount).toBe(2);
    const signed = (await (
      await api(a, "POST", `/api/uploads/${multi.uploadId}/parts`, { partNumbers: [1, 2] })
    ).json()) as { parts: { partNumber: number; url: string; headers?: Record<string, string> }[] };
    const parts = await Promise.all(
      signed.parts.map(async (part) => {
        const from = (part.partNumber - 1) * multi.multipart.partSize;
        const res = await fetch(part.url, {
          method: "PUT",
          headers: part.headers,
          body: big.subarray(from, from + multi.multipart.partSize),
        });
        expect(res.status).toBe(200);
        return { partNumber: part.partNumber, etag: res.headers.get("etag")! };
      }),
    );
    expect((await api(a, "POST", `/api/uploads/${multi.uploadId}/complete`, { parts })).status).toBe(200);

    const listed = (await (await api(a, "GET", "/api/files")).json()) as { items: { id: string; name: string }[] };
    expect(listed.items.map((f) => f.name).sort()).toEqual(["big.bin", "small.bin"]);
    for (const [name, bytes] of [
      ["small.bin", small],
      ["big.bin", big],
    ] as const) {
      const id = listed.items.find((f) => f.name === name)!.id;
      const redirect = await api(b, "GET", `/api/files/${id}/download`);
      expect(redirect.status).toBe(302);
      const body = Buffer.from(await (await fetch(redirect.headers.get("location")!)).arrayBuffer());
      expect(body.equals(bytes)).toBe(true);
    }
    const me = (await (await api(b, "GET", "/api/me")).json()) as { usage: { usedBytes: number; fileCount: number } };
    expect(me.usage).toMatchObject({ usedBytes: small.length + big.length, fileCount: 2 });

    // The sweeper: four timers at 1 s, but one run at a time and about one per second in all.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const runs = apps
      .flatMap((app) => app.logLines())
      .filter((line) => line.msg === "sweep run")
      .map((line) => ({ start: Date.parse(line.startedAt as string), ms: line.ms as number, holder: line.holder }))
      .sort((x, y) => x.start - y.start);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < runs.length; i++)
      expect(runs[i]!.start).toBeGreaterThanOrEqual(runs[i - 1]!.start + runs[i - 1]!.ms);
    // Four timers at 1 s would make about four runs a second; one holder makes one.
    const seconds = (Date.now() - runs[0]!.start) / 1000;
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  } finally {
    await Promise.all(apps.map((app) => app.stop("SIGKILL")));
    await s3.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    if (postgres) await dropDatabase(postgres, postgresName);
  }
});
