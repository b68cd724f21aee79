// Group PUTs (issue 24): on the local driver a batch create also answers signed URLs that take
// several small files' bytes in one request. Each file's upload still calls `put` on its own; this
// transport holds a group's members until all of them have called it, then sends their bodies
// concatenated in one request and answers every member with its outcome. Whenever the group
// cannot go (a member never comes, was cancelled, or the group PUT fails) its members are sent one
// by one to their own URLs, so per-file retry and errors work exactly as without groups.
import type { UploadGroupTarget } from "@/lib/schemas/uploads";
import { isOk, type PutRequest, type PutResponse, type PutTransport } from "./transport";

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
      body: body.type ? body.slice(0, body.size, "") : body,
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

  const send = (group: PutGroup) => {
    const byId = take(group)!;
    const members = group.uploadIds.map((id) => byId.get(id)!);
    const offsets: number[] = [];
    let total = 0;
    for (const m of members) {
      offsets.push(total);
      total += m.request.body.size;
    }
    put({
      url: group.url,
      headers: group.headers,
      body: new Blob(members.map((m) => m.request.body)),
      onProgress: (loaded) =>
        members.forEach((m, i) =>
          m.request.onProgress?.(Math.max(0, Math.min(m.request.body.size, loaded - offsets[i]!))),
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
      if (group.uploadIds.every((id) => g.members.has(id))) send(group);
    });
  };
}
