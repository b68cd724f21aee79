import { route } from "@/lib/http/route";
import { usageCsvStream } from "@/lib/admin/csv";
import { usageQuery } from "@/lib/schemas/admin";

export const GET = route({ auth: "admin", query: usageQuery }, async ({ query }) => {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(usageCsvStream(query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="stowage-usage-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
