import { z } from "zod";
import { noContent, redirect } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { readLimitedBody } from "@/lib/http/body";
import { putThumbnail, THUMBNAIL_REDIRECT_SECONDS, thumbnailUrl } from "@/lib/files/thumbnails";
import { MAX_THUMBNAIL_BYTES } from "@/lib/schemas/files";

const params = z.object({ id: z.string() });

/** Body: the image itself (image/webp, image/jpeg or image/png, at most 64 KiB). */
export const PUT = route({ auth: "user", params }, async ({ actor, params, request }) => {
  const bytes = await readLimitedBody(request, MAX_THUMBNAIL_BYTES);
  await putThumbnail(actor, params.id, { type: request.headers.get("content-type"), bytes });
  return noContent();
});

/** A grid shown again within a few minutes reuses the redirect (and so the image) instead of asking again. */
export const GET = route({ auth: "user", params }, async ({ actor, params }) =>
  redirect(await thumbnailUrl(actor, params.id), THUMBNAIL_REDIRECT_SECONDS),
);
