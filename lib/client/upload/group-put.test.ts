// The group PUT transport: a group's members go in one request once all have come, each member
// sees its own share of the progress, and whenever the group cannot go whole (it failed, a member
// never came or was cancelled) each member is sent alone to its own URL, without a type of its own.
import { describe, expect, it, vi } from "vitest";
import { withGroupPut, type PutGroup } from "./group-put";
import type { PutRequest, PutResponse } from "./transport";

function recorder(answer: (request: PutRequest) => Promise<PutResponse> | PutResponse) {
  const sent: PutRequest[] = [];
  const put = async (request: PutRequest) => {
    sent.push(request);
    return answer(request);
  };
  return { sent, put };
}

const ok: PutResponse = { status: 200, etag: null };
const group: PutGroup = {
  url: "/group",
  headers: { "Content-Type": "application/octet-stream" },
  uploadIds: ["a", "b", "c"],
};
const member = (id: string, text: string, progress: number[] = []): PutRequest => ({
  url: `/own/${id}`,
  body: new Blob([text], { type: "text/plain" }),
  headers: { "Content-Type": "text/plain" },
  onProgress: (loaded) => progress.push(loaded),
  group,
  groupMember: id,
});

describe("group PUTs", () => {
  it("sends the members' bodies concatenated in the group's order, once all have come", async () => {
    const { sent, put } = recorder((request) => {
      request.onProgress?.(5);
      return ok;
    });
    const grouped = withGroupPut(put);
    const progress: number[] = [];
    const answers = [grouped(member("c", "ccc")), grouped(member("a", "a", progress))];
    await Promise.resolve();
    expect(sent).toHaveLength(0); // b has not come yet
    answers.push(grouped(member("b", "bb")));
    expect(await Promise.all(answers)).toEqual([ok, ok, ok]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe("/group");
    expect(await sent[0]!.body.text()).toBe("abbccc");
    expect(progress).toEqual([1]); // 5 bytes of the group sent: all of a's one
  });

  it("sends each member alone, typeless, to its own URL when the group PUT fails", async () => {
    const { sent, put } = recorder((request) => (request.url === "/group" ? { status: 500, etag: null } : ok));
    const grouped = withGroupPut(put);
    const answers = await Promise.all(["a", "b", "c"].map((id) => grouped(member(id, id))));
    expect(answers).toEqual([ok, ok, ok]);
    expect(sent.map((r) => r.url)).toEqual(["/group", "/own/a", "/own/b", "/own/c"]);
    expect(sent.slice(1).every((r) => r.body.type === "" && r.group === undefined)).toBe(true);
  });

  it("falls back to one by one when a member never comes or is cancelled while waiting", async () => {
    vi.useFakeTimers();
    try {
      const { sent, put } = recorder(() => ok);
      const grouped = withGroupPut(put, { waitMs: 500 });
      const waiting = [grouped(member("a", "a")), grouped(member("b", "b"))];
      await vi.advanceTimersByTimeAsync(500);
      expect(await Promise.all(waiting)).toEqual([ok, ok]);
      expect(sent.map((r) => r.url)).toEqual(["/own/a", "/own/b"]);

      const controller = new AbortController();
      const first = grouped({ ...member("a", "a"), signal: controller.signal });
      controller.abort();
      await first;
      expect(sent.map((r) => r.url)).toEqual(["/own/a", "/own/b", "/own/a"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes requests without a group straight through", async () => {
    const { sent, put } = recorder(() => ok);
    const plain = { url: "/own/x", body: new Blob(["x"]), headers: {} };
    await withGroupPut(put)(plain);
    expect(sent).toEqual([plain]);
  });
});
