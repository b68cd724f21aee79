// The floor under the 1 GiB multipart figure (bench/scale.ts): a bare node:http server, no app,
// that receives the same parts the same way (PUT each at its offset of one file, synced before it
// answers; a final POST syncs the file). What the app adds over it is its own cost; what this
// costs over `dd` is HTTP over loopback with client and server on the same two cores.
//   node bench/bare-receiver.mjs <file>   → prints the port it listens on
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import { pipeline } from "node:stream/promises";

const file = process.argv[2];
fs.writeFileSync(file, "");

const server = http.createServer(async (req, res) => {
  try {
    const offset = Number(new URL(req.url ?? "/", "http://x").searchParams.get("offset"));
    if (req.method === "PUT") {
      const out = fs.createWriteStream(file, { flags: "r+", start: offset });
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
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
