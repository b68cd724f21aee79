import { z } from "zod";
import { redirect } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { THUMBNAIL_REDIRECT_SECONDS } from "@/lib/files/thumbnails";
import { previewUrl } from "@/lib/media/files";

const params = z.object({ id: z.string() });

/** The server-made preview (WebP, at most 2048 px): a previewer never loads a 40 MB original. */
export const GET = route({ auth: "user", params }, async ({ actor, params }) =>
  redirect(await previewUrl(actor, params.id), THUMBNAIL_REDIRECT_SECONDS),
);
