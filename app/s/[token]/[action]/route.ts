// Next hands a share link's actions (/s/<token>/download, …) to the one router, as it does the API;
// the link's page itself (/s/<token>) is app/s/[token]/page.tsx.
import { router } from "@/app/router";

export const dynamic = "force-dynamic";

const { dispatch } = router;
export { dispatch as GET, dispatch as HEAD, dispatch as POST, dispatch as PUT };
export { dispatch as PATCH, dispatch as DELETE, dispatch as OPTIONS };
