// Group PUTs (issue 24): on the local driver a batch create also answers signed URLs that take
// several small files' bytes in one request. Each file's upload still calls `put` on its own; this
// transport holds a group's members until all of them have called it, then sends their bodies
// concatenated in one request and answers every member with its outcome. Whenever the group
// cannot go (a member never comes, was cancelled, or the group PUT fails) its members are sent one
// by one to their own URLs, so per-file retry and errors work exactly as without groups.
// The group's body is the members' bytes read (asynchronously) into one buffer, not a Blob made
// of their Blobs: Chromium registers every new Blob with its browser process over a synchronous
// IPC, which under load stalled the page for 70–170 ms per group (issue 24, docs/BENCHMARKS.md).
import type { UploadGroupTarget } from "@/lib/schemas/uploads";
import { bodySize, isOk, type PutBody, type PutRequest, type PutResponse, type PutTransport } from "./transport";

/** A group a file's upload belongs to (attached to its create answer by batching-api.ts). */
export type PutGroup = Pick<UploadGroupTarget, "url" | "headers" | "uploadIds">;

interface Member {
  request: PutRequest;
  resolve: (response: PutResponse) => void;
  reject: (error: unknown) => void;
}

interface Gathering {
  members: Map<string, Member>;
  timer: ReturnType<typeof setTimeout>;
}

/** `put` that sends requests carrying `group` together once every member of their group has come. */
export function withGroupPut(put: PutTransport, { waitMs = 1_000 }: { waitMs?: number } = {}): PutTransport {
  const gathering = new Map<PutGroup, Gathering>();

  const alone = (member: Member) => {
    const { body } = member.request;
    // Typeless, as the uploader sends a file alone: XMLHttpRequest then adds no Content-Type of its own.
    put({
      ...member.request,
      body: body instanceof Blob && body.type ? body.slice(0, body.size, "") : body,
      group: undefined,
      groupMember: undefined,
    }).then(member.resolve, member.reject);
  };

  const take = (group: PutGroup) => {
    const g = gathering.get(group);
    if (!g) return null;
    gathering.delete(group);
    clearTimeout(g.timer);
    return g.members;
  };

  const fallBack = (group: PutGroup) => {
    for (const member of take(group)?.values() ?? []) alone(member);
  };

  const send = async (group: PutGroup) => {
    const byId = take(group)!;
    const members = group.uploadIds.map((id) => byId.get(id)!);
    const offsets: number[] = [];
    let total = 0;
    for (const m of members) {
      offsets.push(total);
      total += bodySize(m.request.body);
    }
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await concatenate(
        members.map((m) => m.request.body),
        total,
      );
    } catch {
      // A file that cannot be read (moved, changed on disk): each member goes alone and fails or not on its own.
      for (const m of members) alone(m);
      return;
    }
    put({
      url: group.url,
      headers: group.headers,
      body,
      onProgress: (loaded) =>
        members.forEach((m, i) =>
          m.request.onProgress?.(Math.max(0, Math.min(bodySize(m.request.body), loaded - offsets[i]!))),
        ),
    }).then(
      (response) => {
        if (isOk(response.status)) for (const m of members) m.resolve(response);
        else for (const m of members) alone(m);
      },
      () => {
        for (const m of members) alone(m);
      },
    );
  };

  return (request) => {
    const group = request.group;
    if (!group) return put(request);
    return new Promise<PutResponse>((resolve, reject) => {
      let g = gathering.get(group);
      if (!g) {
        g = { members: new Map(), timer: setTimeout(() => fallBack(group), waitMs) };
        gathering.set(group, g);
      }
      // Cancelled while waiting: the group cannot go whole any more.
      request.signal?.addEventListener("abort", () => fallBack(group), { once: true });
      g.members.set(request.groupMember ?? "", { request, resolve, reject });
      if (g.members.size === group.uploadIds.length && group.uploadIds.every((id) => g.members.has(id)))
        void send(group);
    });
  };
}

/** The bodies' bytes one after the other in one buffer of `total` bytes (files read in parallel, off the main thread). */
async function concatenate(bodies: PutBody[], total: number): Promise<Uint8Array<ArrayBuffer>> {
  const parts = await Promise.all(
    bodies.map(async (body) => (body instanceof Blob ? new Uint8Array(await body.arrayBuffer()) : body)),
  );
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
