import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { listIdentities } from "@/lib/auth/identities";
import { getUserRow } from "@/lib/admin/users";

// A user's linked sign-in identities (OIDC, GitHub, Google): an admin can see and remove them.
export const GET = route({ auth: "admin", params: z.object({ id: z.string().min(1) }) }, async ({ params }) => {
  await getUserRow(params.id); // 404 for an unknown user
  return json({ items: await listIdentities(params.id) });
});
