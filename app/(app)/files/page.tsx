import type { Metadata } from "next";

export const metadata: Metadata = { title: "My files" };

export default function FilesPage() {
  return (
    <section>
      <h1 className="text-xl font-semibold">My files</h1>
    </section>
  );
}
