// The queue's own mutable record of one file, the immutable item the UI sees of it, and its
// upload as the queue runs it.
import type { ApiFile } from "@/lib/client/api";
import { isAbortError } from "@/lib/client/http";
import { toUploadError } from "./errors";
import type { UploadItem, UploadStatus } from "./queue-snapshot";
import { estimateSecondsLeft, SpeedMeter } from "./timing";
import { uploadFile } from "./uploader";
import type { UploaderDeps, UploadPhase, UploadSource } from "./upload-run";

export interface Task {
  id: string;
  source: UploadSource | null;
  name: string;
  size: number;
  type: string;
  folderId: string | null;
  /** Replaces the folder's file of the same name (see UploadJob.replace). */
  replace: boolean;
  status: UploadStatus;
  phase: UploadPhase | null;
  bytesSent: number;
  resumed: boolean;
  error: { code: string; message: string } | null;
  file: ApiFile | null;
  meter: SpeedMeter | null;
  controller: AbortController | null;
  /** The resume key this task holds while uploading (null: another task of the same file holds it). */
  lockedKey: string | null;
  /** Which batch (run of the queue from idle to idle) it belongs to, for the overall progress. */
  batch: number;
  /** Retry asked for while a cancelled upload was still being deleted: done once it is. */
  retryWhenSettled: boolean;
  /** The item last made of this task; null once the task changed. */
  view: UploadItem | null;
}

let nextId = 1;

/** A queued task for `source`; ids are unique on the page, across queues. */
export function newTask(source: UploadSource, folderId: string | null, batch: number, replace = false): Task {
  return {
    id: `upload-${nextId++}`,
    source,
    name: source.name,
    size: source.size,
    type: source.type,
    folderId,
    replace,
    status: "queued",
    phase: null,
    bytesSent: 0,
    resumed: false,
    error: null,
    file: null,
    meter: null,
    controller: null,
    lockedKey: null,
    batch,
    retryWhenSettled: false,
    view: null,
  };
}

/** Queued again after a failure or cancel, in batch `batch`, from the first byte (a saved session may continue). */
export function requeueTask(task: Task, batch: number): void {
  task.status = "queued";
  task.phase = null;
  task.bytesSent = 0;
  task.error = null;
  task.resumed = false;
  task.batch = batch;
}

/** Uploading from now on; `lockedKey` is the resume key it holds (null: another task holds it). */
export function startTask(task: Task, controller: AbortController, lockedKey: string | null, now: number): void {
  task.status = "uploading";
  task.phase = "preparing";
  task.controller = controller;
  task.lockedKey = lockedKey;
  task.meter = new SpeedMeter();
  task.meter.sample(0, now);
}

export function finishTask(task: Task, status: "completed" | "failed" | "cancelled"): void {
  task.status = status;
  task.phase = null;
  task.meter = null;
  if (status === "completed") task.source = null; // nothing left to send: let the File go
}

/** The task as the UI sees it; the same object until the task changes. */
export function taskView(task: Task): UploadItem {
  if (task.view) return task.view;
  const uploading = task.status === "uploading";
  const speed = uploading && task.meter ? task.meter.bytesPerSecond : 0;
  const progress = task.status === "completed" ? 1 : task.size > 0 ? Math.min(1, task.bytesSent / task.size) : 0;
  task.view = {
    id: task.id,
    name: task.name,
    size: task.size,
    type: task.type,
    folderId: task.folderId,
    status: task.status,
    phase: task.phase,
    bytesSent: task.bytesSent,
    progress,
    speed,
    secondsLeft:
      uploading && task.phase === "uploading" ? estimateSecondsLeft(task.size - task.bytesSent, speed) : null,
    resumed: task.resumed,
    error: task.error,
    file: task.file,
  };
  return task.view;
}

// The upload runs uploadFile with the task kept up to date from its progress callbacks, and hands
// the outcome back in the same tick the upload settles (so the queue shows the result and frees
// the slot together).

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
      replace: task.replace,
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
