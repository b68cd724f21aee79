// Graceful shutdown of a real `npm start` server (two processes): an upload in flight at SIGTERM
// still completes, new connections are refused at once, and the server exits 0. No browser.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { userWithToken } from "../bench/auth";
import { freshDataDir, migrate, startApp, type AppProcess } from "./support/app-process";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 2;
const MiB = 1024 * 1024;

/** A PUT whose body the test sends piece by piece; `finish` sends the rest and answers the status. */
function slowPut(url: string, headers: Record<string, string>, body: Buffer) {
  const request = http.request(url, {
    method: "PUT",
    agent: false,
    headers: { ...headers, "content-length": String(body.length) },
  });
  const status = new Promise<number>((resolve, reject) => {
    request.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    request.on("error", reject);
  });
  request.write(body.subarray(0, MiB));
  return {
    async finish() {
      for (let at = MiB; at < body.length; at += MiB) {
        request.write(body.subarray(at, at + MiB));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      request.end();
      return status;
    },
  };
}

test("SIGTERM lets an upload in flight finish, refuses new connections and exits 0", async () => {
  test.skip(test.info().project.name !== "local", "one run is enough: no browser, no storage driver of its own");
  test.setTimeout(180_000);
  const dataDir = freshDataDir("shutdown");
  let app: AppProcess | undefined;
  try {
    migrate(dataDir);
    const settings = { WEB_CONCURRENCY: "2", SHUTDOWN_TIMEOUT_SECONDS: "60" };
    app = await startApp(dataDir, PORT, settings);
    const user = await userWithToken(app.url);
    const auth = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
    const bytes = crypto.randomBytes(6 * MiB);
    const created = await fetch(`${app.url}/api/uploads`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "in-flight.bin", size: bytes.length, type: "application/octet-stream" }),
    });
    expect(created.status).toBe(201);
    const upload = (await created.json()) as { uploadId: string; url: string; headers: Record<string, string> };

    const put = slowPut(upload.url, upload.headers, bytes);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the server is reading the body
    app.child.kill("SIGTERM");
    // Both processes stop listening: a new connection is refused while the upload goes on.
    await expect
      .poll(
        () =>
          fetch(`${app!.url}/api/health`).then(
            () => "answered",
            (error: { cause?: { code?: string } }) => error.cause?.code ?? "failed",
          ),
        { timeout: 10_000 },
      )
      .toBe("ECONNREFUSED");
    expect(await put.finish()).toBe(200);
    expect(await app.exited).toBe(0);
    const stopped = app.logLines().filter((line) => line.msg === "process stopped");
    expect(stopped.map((line) => line.cutOff)).toEqual([false, false]);

    // The bytes are kept: after a restart the upload completes and downloads intact.
    app = await startApp(dataDir, PORT, settings);
    const complete = await fetch(`${app.url}/api/uploads/${upload.uploadId}/complete`, {
      method: "POST",
      headers: auth,
      body: "{}",
    });
    expect(complete.status).toBe(200);
    const { file } = (await complete.json()) as { file: { id: string } };
    const download = await fetch(`${app.url}/api/files/${file.id}/download`, { headers: auth });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  } finally {
    await app?.stop("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
