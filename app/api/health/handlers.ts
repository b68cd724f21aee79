import { json } from "@/lib/http/respond";
import { health } from "@/lib/health";
import { storageHealth } from "@/lib/storage";
import { mirrorHealth } from "@/lib/storage-ops/mirror";

export async function GET(): Promise<Response> {
  const report = await health(storageHealth, mirrorHealth);
  return json(report, { status: report.ok ? 200 : 503 });
}
