// The visitor page of a file request: no account needed, no listing. The gate (describeRequest)
// decides what shows: the drop area, or why the link no longer takes files.
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { requestClient } from "@/lib/http/host-headers";
import { describeRequest } from "@/lib/requests/visit";
import { RequestDrop } from "@/components/requests/request-drop";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/** The request's facts for the visitor, or why it takes no files (null: unknown link, answered 404). */
async function load(token: string) {
  try {
    const info = await describeRequest({ token, now: new Date(), client: requestClient(await headers()) });
    return { info } as const;
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return null;
    if (error instanceof DomainError && error.code === "gone") return { gone: error.message } as const;
    throw error;
  }
}

export default async function FileRequestPage({ params }: Props) {
  const { token } = await params;
  const loaded = await load(token);
  if (!loaded) notFound();
  if (!("gone" in loaded)) return <RequestDrop token={token} info={loaded.info} />;
  return (
    <section className="rounded-xl border border-zinc-200 bg-white p-6 text-center dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-lg font-semibold">This link no longer takes files</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{loaded.gone}</p>
    </section>
  );
}
