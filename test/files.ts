// Files for tests, made the way the browser makes them: create the upload, PUT the bytes to the
// signed URL, complete. Works on whichever driver the test file configured.
import { POST as createRoute } from "@/app/api/uploads/handlers";
import { POST as completeRoute } from "@/app/api/uploads/[id]/complete/handlers";
import { GET as downloadRoute } from "@/app/api/files/[id]/download/handlers";
import { getDriver, ObjectNotFoundError } from "@/lib/storage";
import { call } from "./api";
import { signedFetch } from "./signed-fetch";

type Caller = { token: string };

/** A READY file holding exactly `bytes` (single PUT, so keep it under MULTIPART_THRESHOLD). */
export async function uploadFile(
  user: Caller,
  name: string,
  bytes: Uint8Array,
  options: { folderId?: string | null; type?: string; replace?: boolean } = {},
) {
  const created = await call(createRoute, {
    method: "POST",
    token: user.token,
    body: {
      name,
      size: bytes.byteLength,
      type: options.type ?? "application/octet-stream",
      folderId: options.folderId ?? null,
      ...(options.replace ? { replace: true } : {}),
    },
  });
  if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${created.text}`);
  const put = await signedFetch(created.json.url, { method: "PUT", body: bytes, headers: created.json.headers });
  if (put.status >= 300) throw new Error(`PUT ${name}: ${put.status} ${await put.text()}`);
  const done = await call(completeRoute, {
    method: "POST",
    token: user.token,
    params: { id: created.json.uploadId },
    body: {},
  });
  if (done.status !== 200) throw new Error(`complete ${name}: ${done.status} ${done.text}`);
  return done.json.file as { id: string; name: string; size: number; folderId: string | null };
}

/** The bytes a file downloads as, following the signed redirect. */
export async function downloadBytes(user: Caller, fileId: string, inline = false) {
  const redirect = await call(downloadRoute, {
    token: user.token,
    params: { id: fileId },
    path: `/api/files/${fileId}/download${inline ? "?inline=1" : ""}`,
  });
  if (redirect.status !== 302) throw new Error(`download: ${redirect.status} ${redirect.text}`);
  const response = await signedFetch(redirect.headers.get("location")!);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Whether the driver holds an object at `key`. */
export const storedOn = async (driver: "local" | "s3", key: string) =>
  getDriver(driver)
    .stat(key)
    .then(
      () => true,
      (e) => (e instanceof ObjectNotFoundError ? false : Promise.reject(e)),
    );
