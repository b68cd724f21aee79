import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { toPublicUser } from "@/lib/auth/users";
import { renameSelf } from "@/lib/auth/account";
import { updateMeInput } from "@/lib/schemas/accounts";
import { usageOf } from "@/lib/quota";
import { trashedBytes } from "@/lib/files/trash-usage";

export const GET = route({ auth: "user" }, async ({ caller }) => {
  const [{ usedBytes, quotaBytes, fileCount }, trashBytes] = await Promise.all([
    usageOf(caller.id),
    trashedBytes(caller.id),
  ]);
  return json({ user: toPublicUser(caller), usage: { usedBytes, quotaBytes, fileCount, trashBytes } });
});

// The display name (the only thing of the account a user changes here; the password has its own route).
export const PATCH = route({ auth: "user", body: updateMeInput }, async ({ actor, body }) =>
  json({ user: await renameSelf(actor, body.name) }),
);
