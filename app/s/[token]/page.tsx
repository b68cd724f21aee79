// The public page of a share link: no account needed. Every rule is applied by the one gate
// (admitVisitor); this page only chooses what to show for its answer.
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { admitVisitor, type Admitted } from "@/lib/shares/visit";
import { LISTING_LIMIT, listShared, textPreview } from "@/lib/shares/download";
import { GoneNotice, PasswordPrompt, type GoneReason } from "@/components/share/public-states";
import { SharedFile, SharedFolder, type LinkFacts } from "@/components/share/public-item";
import { clientOf, pagePath, UNLOCK_COOKIE } from "./visitor-http";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const toPublicFile = (f: { id: string; name: string; size: bigint; type: string }) => ({
  id: f.id,
  name: f.name,
  size: Number(f.size),
  type: f.type,
});

async function content(admitted: Admitted, facts: LinkFacts, folderId: string | undefined) {
  if (admitted.target.type === "file") {
    const file = admitted.target.file;
    return <SharedFile file={toPublicFile(file)} facts={facts} text={await textPreview(admitted)} />;
  }
  try {
    const listing = await listShared(admitted, folderId);
    return (
      <SharedFolder
        facts={facts}
        listing={{
          folderId: listing.folder.id,
          path: listing.path,
          folders: listing.folders.map(({ id, name }) => ({ id, name })),
          files: listing.files.map(toPublicFile),
          truncated: listing.folders.length >= LISTING_LIMIT || listing.files.length >= LISTING_LIMIT,
        }}
      />
    );
  } catch (error) {
    // A folder id from outside the link (or a stale one) is simply not there.
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function SharePage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const now = new Date();
  const base = pagePath(token);
  let admitted: Admitted;
  try {
    admitted = await admitVisitor({
      token,
      now,
      purpose: { kind: "view" },
      client: clientOf(await headers()),
      unlock: (await cookies()).get(UNLOCK_COOKIE)?.value,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "gone") return <GoneNotice reason={(error.details?.reason as GoneReason) ?? "unavailable"} />;
    if (error.code === "forbidden") {
      const retry = Number(one(query.retry));
      return (
        <PasswordPrompt
          action={`${base}/unlock`}
          error={one(query.error)}
          retryAfter={Number.isFinite(retry) ? retry : undefined}
        />
      );
    }
    if (error.code === "not_found") notFound();
    throw error;
  }
  const { share } = admitted;
  const facts: LinkFacts = {
    base,
    now,
    expiresAt: share.expiresAt,
    downloadsLeft: share.maxDownloads === null ? null : Math.max(0, share.maxDownloads - share.downloadCount),
  };
  return content(admitted, facts, one(query.folder));
}
