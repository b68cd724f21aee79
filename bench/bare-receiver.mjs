// The floor under the 1 GiB multipart figure (bench/scale.ts): a bare node:http server, no app,
// that receives the same parts the same way as the app (PUT each at its offset of one file, synced
// before it answers; a final POST syncs the file), with as many processes as the app serves with
// (node:cluster, as server/primary.ts) and its writes gathered up to 1 MiB as the app gathers
// them (lib/storage/local-write.ts). What the app adds over it is its own cost; what this costs
// over `dd` is HTTP over loopback with client and server on the same two cores.
//   node bench/bare-receiver.mjs <file> [processes=1]   → prints the port it listens on
import cluster from "node:cluster";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import { pipeline } from "node:stream/promises";

const file = process.argv[2];
const processes = Math.max(1, Number(process.argv[3] ?? 1));

if (cluster.isPrimary) {
  fs.writeFileSync(file, "");
  const workers = Array.from({ length: processes }, () => cluster.fork());
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    // Every worker's listen(0) shares one port (the primary holds the socket).
    if (++listening === processes) console.log(address.port);
  });
  process.on("SIGTERM", () => {
    for (const worker of workers) worker.kill("SIGTERM");
    process.exit(0);
  });
} else {
  const server = http.createServer(async (req, res) => {
    try {
      const offset = Number(new URL(req.url ?? "/", "http://x").searchParams.get("offset"));
      if (req.method === "PUT") {
        // highWaterMark: chunks that arrive while a write is in flight go out in one writev of up to 1 MiB.
        const out = fs.createWriteStream(file, { flags: "r+", start: offset, highWaterMark: 1024 * 1024 });
        await pipeline(req, out);
        const fh = await fsp.open(file, "r+");
        await fh.datasync();
        await fh.close();
      } else {
        const fh = await fsp.open(file, "r+");
        await fh.sync();
        await fh.close();
      }
      res.writeHead(200).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.listen(0, "127.0.0.1");
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
