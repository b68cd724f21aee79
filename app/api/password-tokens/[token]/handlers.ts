import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { setPasswordWithLink } from "@/lib/admin/password-links";
import { setPasswordInput } from "@/lib/schemas/admin";

// Public: the token in the path is the credential (a one-time link an admin handed out).
export const POST = route(
  { auth: "none", params: z.object({ token: z.string().min(1).max(200) }), body: setPasswordInput },
  async ({ params, body }) => {
    await setPasswordWithLink(params.token, body.password);
    return noContent();
  },
);
