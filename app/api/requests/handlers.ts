import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { listRequests } from "@/lib/requests/manage";

/** -> {items: [request]}: the caller's file requests, newest first, with `unseenCount` (the badge). */
export const GET = route({ auth: "user" }, async ({ actor }) => json(await listRequests(actor)));
