import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { removeIdentity } from "@/lib/auth/identities";

export const DELETE = route(
  { auth: "admin", params: z.object({ id: z.string().min(1), identityId: z.string().min(1) }) },
  async ({ actor, params }) => {
    await removeIdentity(actor, params.id, params.identityId);
    return noContent();
  },
);
