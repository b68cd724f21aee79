import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { sharedWithMe } from "@/lib/grants/shared";

export const GET = route({ auth: "user" }, async ({ actor }) => json(await sharedWithMe(actor)));
