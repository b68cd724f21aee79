import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { toPublicUser } from "@/lib/auth/users";
import { usageOf } from "@/lib/quota";

export const GET = route({ auth: "user" }, async ({ caller }) => {
  const { usedBytes, quotaBytes, fileCount } = await usageOf(caller.id);
  return json({ user: toPublicUser(caller), usage: { usedBytes, quotaBytes, fileCount } });
});
