"use client";

import { CheckCircle2, CircleAlert, Upload } from "lucide-react";
import { useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/bytes";
import { formatDateTime } from "@/lib/client/format";
import { requestUploadApi } from "@/lib/client/request-upload-api";
import { uploadFile } from "@/lib/client/upload/uploader";
import { xhrPut } from "@/lib/client/upload/transport";
import type { RequestVisitJson } from "@/lib/schemas/requests";

interface Sent {
  id: number;
  name: string;
  size: number;
  progress: number;
  status: "uploading" | "done" | "failed";
  /** The name it got (" (1)" when the folder had one), or why it failed. */
  note?: string;
}

let nextId = 1;

/**
 * The visitor's drop area: pick or drop files; each goes straight to the store through the same
 * upload engine as a user's (resumable parts for big files). Lists only what this visit sent.
 */
export function RequestDrop({ token, info }: { token: string; info: RequestVisitJson }) {
  const [sent, setSent] = useState<Sent[]>([]);
  const [dragging, setDragging] = useState(false);
  const [password, setPassword] = useState("");
  const input = useRef<HTMLInputElement>(null);

  const update = (id: number, change: Partial<Sent>) =>
    setSent((items) => items.map((item) => (item.id === id ? { ...item, ...change } : item)));

  const send = (files: File[]) => {
    // The password typed so far goes with each create (a right one also leaves the unlock cookie).
    const api = requestUploadApi(token, () => password || undefined);
    for (const file of files) {
      const id = nextId++;
      setSent((items) => [...items, { id, name: file.name, size: file.size, progress: 0, status: "uploading" }]);
      uploadFile(
        { file, onProgress: (bytes) => update(id, { progress: file.size ? bytes / file.size : 1 }) },
        { api, put: xhrPut, resume: null },
      ).then(
        (done) => update(id, { status: "done", progress: 1, note: done.name }),
        (error: unknown) =>
          update(id, { status: "failed", note: error instanceof Error ? error.message : "The upload failed." }),
      );
    }
  };

  const limits = [
    info.filesLeft !== null && `${info.filesLeft} file${info.filesLeft === 1 ? "" : "s"} left`,
    info.maxFileBytes !== null && `at most ${formatBytes(info.maxFileBytes)} each`,
    `open until ${formatDateTime(new Date(info.expiresAt))}`,
  ].filter(Boolean);

  return (
    <section className="space-y-5" aria-labelledby="request-title">
      <div>
        <h1 id="request-title" className="text-xl font-semibold">
          {info.owner} asks you for files
        </h1>
        {info.message && (
          <p
            className="mt-2 whitespace-pre-line text-sm text-zinc-700 dark:text-zinc-300"
            data-testid="request-message"
          >
            {info.message}
          </p>
        )}
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{limits.join(" · ")}</p>
      </div>

      {info.passwordRequired && (
        <Field
          label="Password"
          type="password"
          autoComplete="off"
          hint="The person who sent the link gave it to you."
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      )}

      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          send(Array.from(event.dataTransfer.files));
        }}
        className={`flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-4 py-10 text-center ${
          dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40" : "border-zinc-300 dark:border-zinc-700"
        }`}
      >
        <Upload className="size-8 text-zinc-500 dark:text-zinc-400" aria-hidden />
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Drop files here, or</p>
        <button type="button" className={buttonClasses("primary")} onClick={() => input.current?.click()}>
          Choose files
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="request-input"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = "";
            send(files);
          }}
        />
      </div>

      <div>
        <h2 className="text-sm font-semibold">Sent in this visit</h2>
        {sent.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Nothing yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800" aria-live="polite">
            {sent.map((item) => (
              <li key={item.id} className="space-y-1.5 py-2.5" data-testid="sent-file" data-status={item.status}>
                <div className="flex items-center gap-2 text-sm">
                  {item.status === "done" && <CheckCircle2 className="size-4 shrink-0 text-emerald-600" aria-hidden />}
                  {item.status === "failed" && <CircleAlert className="size-4 shrink-0 text-red-600" aria-hidden />}
                  <span className="min-w-0 flex-1 truncate font-medium">{item.name}</span>
                  <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-400">{formatBytes(item.size)}</span>
                </div>
                {item.status === "uploading" && (
                  <Progress value={item.progress * 100} size="xs" label={`Sending ${item.name}`} />
                )}
                {item.status === "done" && (
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    Sent{item.note && item.note !== item.name ? ` as ${item.note}` : ""}.
                  </p>
                )}
                {item.status === "failed" && (
                  <p role="alert" className="text-xs text-red-700 dark:text-red-400">
                    {item.note}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
