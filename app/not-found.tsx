import type { Metadata } from "next";
import { StatusPage } from "@/components/shell/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <StatusPage eyebrow="404" title="This page does not exist">
      The link may be mistyped, or the page was moved or deleted.
    </StatusPage>
  );
}
