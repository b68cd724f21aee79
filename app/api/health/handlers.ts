import { json } from "@/lib/http/respond";
import { health } from "@/lib/health";

export async function GET(): Promise<Response> {
  const report = await health();
  return json(report, { status: report.ok ? 200 : 503 });
}
