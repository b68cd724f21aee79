// Downloads start as native browser downloads (a link or a form POST), never through fetch:
// the browser streams the bytes to disk, shows progress, and nothing is held in memory.
import { toast } from "sonner";
import { downloadUrl, folderZipUrl, ZIP_URL } from "@/lib/client/api";
import type { Entry } from "./queries";

function follow(href: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = "";
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * One file as itself, one folder as a zip, several entries as one zip (a form POST to /api/zip).
 * A file whose stored bytes are missing is not downloadable: said in a toast (zips leave it out).
 */
export function download(entries: Entry[]) {
  const [first] = entries;
  if (entries.length === 1 && first.kind === "file" && first.file.missingAt) {
    toast.error(`“${first.name}” is unavailable`, {
      description: "Its stored copy is missing or damaged. Ask your administrator to restore it.",
    });
    return;
  }
  if (entries.length === 1 && entries[0].kind === "file") return follow(downloadUrl(entries[0].id));
  if (entries.length === 1) return follow(folderZipUrl(entries[0].id));
  const form = document.createElement("form");
  form.method = "POST";
  form.action = ZIP_URL;
  form.hidden = true;
  for (const entry of entries) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = entry.kind === "file" ? "fileIds" : "folderIds";
    input.value = entry.id;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
  form.remove();
}
