// Next hands every /api path to the one router (app/routes.ts declares what it serves).
import { router } from "@/app/router";

export const dynamic = "force-dynamic";

const { dispatch } = router;
export { dispatch as GET, dispatch as HEAD, dispatch as POST, dispatch as PUT };
export { dispatch as PATCH, dispatch as DELETE, dispatch as OPTIONS };
