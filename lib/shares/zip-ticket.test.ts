// "Download all" through the public page's script: `zip?as=json` counts the download (or says why
// not) and hands out a ticket; the zip fetched with it is not counted again; a ticket opens only
// its own link's folder, and not after it expires.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as zipRoute from "@/app/s/[token]/handlers/zip";
import { db } from "@/lib/db";
import { call, newUser } from "@/test/api";
import { folder, share, storedFile } from "@/test/shares";
import { ZIP_TICKET_SECONDS } from "./zip-ticket";

afterEach(() => {
  vi.useRealTimers();
});

const zip = (token: string, query: string) =>
  call(zipRoute.GET as never, {
    path: `/s/${token}/zip${query}`,
    params: { token },
    headers: { "x-stowage-client-address": "203.0.113.19" },
  });

describe("Download all with a ticket", () => {
  it("counts once when the ticket is made, streams with it, and refuses when used up", async () => {
    const user = await newUser();
    const shared = await folder(user, "Album");
    await storedFile(user, "a.txt", { folderId: shared.id });
    const link = await share(user, { folder: shared.id }, { maxDownloads: 1 });

    const asked = await zip(link.token, `?folder=${shared.id}&as=json`);
    expect(asked.status).toBe(200);
    expect(asked.json.downloadsLeft).toBe(0);
    const url = new URL(asked.json.url, "http://x");
    expect(url.pathname).toBe(`/s/${link.token}/zip`);
    const streamed = await zip(link.token, url.search);
    expect(streamed.status).toBe(200);
    expect(streamed.text).toContain("Album/a.txt");
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(1);

    // Used up: asking again is refused in JSON (the page says why), and no ticket is made.
    const refused = await zip(link.token, `?folder=${shared.id}&as=json`);
    expect(refused.status).toBe(410);
    expect(refused.json.error).toMatchObject({ code: "gone", reason: "exhausted" });
  });

  it("opens only the folder and link it was made for, and only for a minute", async () => {
    const user = await newUser();
    const shared = await folder(user, "Shared");
    const sub = await folder(user, "Sub", shared.id);
    const otherLink = await share(user, { folder: shared.id });
    const link = await share(user, { folder: shared.id }, { maxDownloads: 5 });
    const ticket = new URL((await zip(link.token, "?as=json")).json.url, "http://x").searchParams.get("ticket")!;
    expect((await zip(link.token, `?folder=${sub.id}&ticket=${ticket}`)).status).toBe(400);
    expect((await zip(otherLink.token, `?ticket=${ticket}`)).status).toBe(400);
    expect((await zip(link.token, `?ticket=${ticket.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`)).status).toBe(400);
    vi.useFakeTimers({ now: Date.now() + (ZIP_TICKET_SECONDS + 1) * 1000, toFake: ["Date"] });
    const late = await zip(link.token, `?ticket=${ticket}`);
    expect(late.status).toBe(400);
    expect(late.json.error.message).toContain("Start it again");
    vi.useRealTimers();
    expect((await zip(link.token, `?ticket=${ticket}`)).status).toBe(200);
    expect((await db.share.findUniqueOrThrow({ where: { id: link.id } })).downloadCount).toBe(1);
  });
});
