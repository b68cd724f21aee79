// Runs the test S3 server (test/s3-server.ts) as its own process, for Playwright and manual runs:
//
//   node --import tsx test/s3-server-cli.ts [--port 4569] [--address 127.0.0.1] [--bucket stowage-e2e] [--origin http://localhost:3000] [--exit-with-stdin]
//
// Prints one line of JSON on stdout once it is listening —
//   {"endpoint":"http://127.0.0.1:4569","bucket":"stowage-e2e","region":"us-east-1","accessKeyId":"S3RVER","secretAccessKey":"S3RVER"}
// — and stays up until SIGINT/SIGTERM (with --exit-with-stdin also until its stdin closes, so
// it dies with a parent that holds a pipe to it), then removes its temp folder. Point the app at it with STORAGE_DRIVER=s3, S3_ENDPOINT=<endpoint>,
// S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_FORCE_PATH_STYLE=true.
// No --openssl-legacy-provider needed (see the header of s3-server.ts).
// Prefer `node --import tsx` over `npx tsx`: one process, so killing it by pid stops the server.
import { parseArgs } from "node:util";
import { startS3Server } from "./s3-server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    address: { type: "string", default: "127.0.0.1" },
    bucket: { type: "string", default: "stowage-e2e" },
    origin: { type: "string", multiple: true },
    "exit-with-stdin": { type: "boolean", default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

const server = await startS3Server({
  port,
  address: values.address,
  bucket: values.bucket,
  allowedOrigins: values.origin,
});
process.stdout.write(
  JSON.stringify({
    endpoint: server.endpoint,
    bucket: server.bucket,
    region: server.region,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
  }) + "\n",
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop().catch((err) => console.error(err));
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (values["exit-with-stdin"]) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
