import { z } from "zod";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { removeMember } from "@/lib/groups/groups";

export const DELETE = route(
  { auth: "admin", params: z.object({ id: z.string().min(1), userId: z.string().min(1) }) },
  async ({ actor, params }) => {
    await removeMember(actor, params.id, params.userId);
    return noContent();
  },
);
