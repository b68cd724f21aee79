// A user's journey through a running Stowage, over its public HTTP API only (scripts/image/test.sh runs
// it against the container image and the compose setups):
//
//   node scripts/image/journey.mjs upload <app url> <state file>   register, sign in, upload, download
//   node scripts/image/journey.mjs check  <app url> <state file>   the same session and the same bytes
//
// `upload` sends one file as a single PUT and one as a multipart upload (when the server's
// MULTIPART_THRESHOLD is below 20 MiB), checks each download is the same bytes, and keeps the
// session cookie, file ids and digests in the state file; `check` (after a restart, or in a new
// container on the same volume) proves the session is still valid and every file reads back intact.
import crypto from "node:crypto";
import fs from "node:fs";

const [command, appUrl, stateFile] = process.argv.slice(2);
if (!["upload", "check"].includes(command) || !appUrl || !stateFile) {
  console.error("usage: journey.mjs upload|check <app url> <state file>");
  process.exit(2);
}
const origin = new URL(appUrl).origin;

function fail(message) {
  console.error(`journey: ${message}`);
  process.exit(1);
}

async function json(response, what) {
  const text = await response.text();
  if (!response.ok) fail(`${what}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

function addCookies(response, jar) {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0];
    const i = pair.indexOf("=");
    if (i > 0) jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
}
const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signUp() {
  const email = `image-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const password = crypto.randomBytes(12).toString("base64url");
  const headers = { "content-type": "application/json", origin };
  await json(
    await fetch(`${appUrl}/api/register`, { method: "POST", headers, body: JSON.stringify({ email, password }) }),
    "register",
  );
  const jar = new Map();
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  addCookies(csrf, jar);
  const { csrfToken } = await json(csrf, "csrf");
  const signIn = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: origin, json: "true" }),
  });
  addCookies(signIn, jar);
  await signIn.arrayBuffer();
  if (![...jar.keys()].some((k) => k.endsWith("next-auth.session-token")))
    fail(`sign-in: no session cookie (HTTP ${signIn.status})`);
  return { email, cookie: cookieHeader(jar) };
}

async function upload(cookie, name, bytes) {
  const headers = { "content-type": "application/json", cookie, origin };
  const created = await json(
    await fetch(`${appUrl}/api/uploads`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name, size: bytes.length, type: "application/octet-stream" }),
    }),
    `create upload of ${name}`,
  );
  let parts;
  if (created.multipart) {
    const { partSize, partCount } = created.multipart;
    const numbers = Array.from({ length: partCount }, (_, i) => i + 1);
    const signed = await json(
      await fetch(`${appUrl}/api/uploads/${created.uploadId}/parts`, {
        method: "POST",
        headers,
        body: JSON.stringify({ partNumbers: numbers }),
      }),
      "sign parts",
    );
    parts = [];
    for (const { partNumber, url } of signed.parts) {
      const body = bytes.subarray((partNumber - 1) * partSize, partNumber * partSize);
      const put = await fetch(url, { method: "PUT", body });
      if (!put.ok) fail(`PUT part ${partNumber}: HTTP ${put.status} ${(await put.text()).slice(0, 200)}`);
      parts.push({ partNumber, etag: put.headers.get("etag") });
    }
  } else {
    const put = await fetch(created.url, { method: "PUT", headers: created.headers, body: bytes });
    if (!put.ok) fail(`PUT ${name}: HTTP ${put.status} ${(await put.text()).slice(0, 200)}`);
  }
  const done = await json(
    await fetch(`${appUrl}/api/uploads/${created.uploadId}/complete`, {
      method: "POST",
      headers,
      body: JSON.stringify(parts ? { parts } : {}),
    }),
    `complete ${name}`,
  );
  return { id: done.file.id, name, multipart: Boolean(parts), size: bytes.length, sha256: digest(bytes) };
}

const digest = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

async function download(cookie, file) {
  const redirect = await fetch(`${appUrl}/api/files/${file.id}/download`, { headers: { cookie }, redirect: "manual" });
  if (redirect.status !== 302)
    fail(`download ${file.name}: HTTP ${redirect.status} ${(await redirect.text()).slice(0, 200)}`);
  const response = await fetch(new URL(redirect.headers.get("location"), appUrl));
  if (!response.ok) fail(`GET ${file.name}: HTTP ${response.status}`);
  const got = digest(Buffer.from(await response.arrayBuffer()));
  if (got !== file.sha256) fail(`${file.name}: downloaded bytes differ (sha256 ${got}, uploaded ${file.sha256})`);
}

/** A page renders (server-side, with the client bundles it refers to) for this cookie. */
async function page(pathname, cookie) {
  const response = await fetch(`${appUrl}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const html = await response.text();
  if (response.status !== 200 || !html.includes("</html>")) fail(`page ${pathname}: HTTP ${response.status}`);
  const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  if (!script) fail(`page ${pathname}: no script of the app's bundle`);
  const asset = await fetch(`${appUrl}${script}`);
  if (!asset.ok) fail(`page ${pathname}: ${script} answered HTTP ${asset.status}`);
  await asset.arrayBuffer();
}

if (command === "upload") {
  await page("/signin");
  const { email, cookie } = await signUp();
  await page("/files", cookie);
  const files = [
    await upload(cookie, "small.bin", crypto.randomBytes(300 * 1024)),
    await upload(cookie, "large.bin", crypto.randomBytes(20 * 1024 * 1024 + 12345)),
  ];
  for (const file of files) await download(cookie, file);
  fs.writeFileSync(stateFile, JSON.stringify({ email, cookie, files }, null, 2));
  const kinds = files.map((f) => `${f.name} ${f.size} B${f.multipart ? " (multipart)" : ""}`).join(", ");
  console.log(
    `journey: /signin and /files render; ${email} registered and signed in; uploaded and downloaded the same bytes: ${kinds}`,
  );
} else {
  const { email, cookie, files } = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  const me = await json(await fetch(`${appUrl}/api/me`, { headers: { cookie } }), "the old session (GET /api/me)");
  if (me.user.email !== email) fail(`the session belongs to ${me.user.email}, not ${email}`);
  const listed = await json(await fetch(`${appUrl}/api/files`, { headers: { cookie } }), "list files");
  for (const file of files) {
    if (!listed.items.some((item) => item.id === file.id)) fail(`${file.name} is not listed any more`);
    await download(cookie, file);
  }
  console.log(`journey: the session of ${email} is still valid; ${files.length} files listed and read back intact`);
}
