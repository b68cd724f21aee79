import type { Metadata } from "next";
import { FilesView } from "@/components/files/files-view";

export const metadata: Metadata = { title: "My files" };

// The folder is in the URL, so reloads, back/forward and links to a folder work.
export default async function FolderPage({ params }: { params: Promise<{ folderId: string }> }) {
  const { folderId } = await params;
  return <FilesView key={folderId} folderId={folderId} />;
}
