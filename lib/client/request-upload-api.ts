// The upload protocol of a file request's visitor (/api/r/<token>/uploads…): the same steps as a
// user's upload (create, signed PUTs or parts straight to the store, complete), so the visitor page
// runs the same upload engine (lib/client/upload/uploader.ts) over the same HTTP client.
import { createHttpUploadApi, type UploadApi } from "./upload/api";

/** `password()` is sent with each create until the server's unlock cookie makes it unnecessary. */
export function requestUploadApi(token: string, password: () => string | undefined): UploadApi {
  return createHttpUploadApi({
    uploadsPath: `/api/r/${encodeURIComponent(token)}/uploads`,
    // The visitor learns only its file's name and size; the folder is the request's.
    createBody: (request) => ({ name: request.name, size: request.size, type: request.type, password: password() }),
  });
}
