// One task's upload as the queue runs it: uploadFile with the task kept up to date from its
// progress callbacks, and the outcome handed back in the same tick the upload settles (so the
// queue shows the result and frees the slot together).
import { isAbortError } from "@/lib/client/http";
import { toUploadError } from "./errors";
import type { Task } from "./queue-task";
import { uploadFile, type UploaderDeps } from "./uploader";

export interface TaskUploadHooks {
  now: () => number;
  /** The task changed (progress, phase, resumed). */
  touch: (task: Task) => void;
  /** The upload settled: how it ended, or null when the task was already shown as cancelled. */
  settled: (status: "completed" | "failed" | "cancelled" | null) => void;
}

/** Uploads `task.source`; `controller` cancels it. Never rejects: failures become the task's error. */
export function uploadTask(task: Task, controller: AbortController, deps: UploaderDeps, hooks: TaskUploadHooks): void {
  // Callbacks of an upload that was cancelled (or replaced by a retry) must not touch the task.
  const whileCurrent = (update: () => void) => {
    if (task.controller !== controller || task.status !== "uploading") return;
    update();
    hooks.touch(task);
  };
  uploadFile(
    {
      file: task.source!,
      folderId: task.folderId,
      resumeKey: task.lockedKey,
      signal: controller.signal,
      onProgress: (bytes) =>
        whileCurrent(() => {
          task.bytesSent = bytes;
          task.meter?.sample(bytes, hooks.now());
        }),
      onPhase: (phase) =>
        whileCurrent(() => {
          task.phase = phase;
        }),
      onStart: ({ resumed }) =>
        whileCurrent(() => {
          task.resumed = resumed;
          // A continued upload starts with bytes already stored: they are not "speed".
          task.meter?.reset();
        }),
    },
    deps,
  ).then(
    (file) => {
      // A cancel that arrived while the upload was being completed came too late: it is stored.
      task.file = file;
      task.bytesSent = task.size;
      hooks.settled("completed");
    },
    (error: unknown) => {
      if (task.status !== "uploading") return hooks.settled(null); // already shown as cancelled
      if (isAbortError(error) || controller.signal.aborted) return hooks.settled("cancelled");
      const failure = toUploadError(error);
      task.error = { code: failure.code, message: failure.message };
      hooks.settled("failed");
    },
  );
}
