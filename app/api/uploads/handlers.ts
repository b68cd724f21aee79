import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createUpload, createUploadInput } from "@/lib/uploads";

export const POST = route({ auth: "user", body: createUploadInput }, async ({ actor, body }) =>
  json(await createUpload(actor, body), { status: 201 }),
);
