// A share link's doors on each storage driver (run by lib/shares/shares.local.test.ts,
// shares.s3.test.ts and shares-relay.s3.test.ts): what leaves, what counts, and what ends a link's URLs.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { updateUser } from "@/lib/admin/users";
import { restoreFile, trashFile } from "@/lib/files/trash";
import { userActor } from "@/lib/files/access";
import { getDriver } from "@/lib/storage";
import { newUser } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";
import { folder, preview, share, storedFile, visit, zip } from "@/test/shares";
import { revokeShare } from "@/lib/shares/manage";
import { admitVisitor } from "@/lib/shares/visit";
import { SHARE_DOWNLOAD_URL_SECONDS, SHARE_PREVIEW_URL_SECONDS, textPreview } from "@/lib/shares/download";

const client = { ip: "203.0.113.1", userAgent: "t" };
const look = (token: string) => admitVisitor({ token, purpose: { kind: "view" }, now: new Date(), client });
const downloads = async (shareId: string) =>
  (await db.share.findUniqueOrThrow({ where: { id: shareId } })).downloadCount;
/** Whether the URL points at the app (local driver, S3 relay mode) rather than at a bucket. */
const appServed = (url: string) => new URL(url).pathname.startsWith("/api/blob/");

export function shareDownloadContract(driverName: "local" | "s3") {
  describe(`share link downloads on the ${driverName} driver`, () => {
    afterEach(() => vi.useRealTimers());

    it("redirects to a signed attachment GET of the same bytes, valid at most a minute", async () => {
      expect(getDriver().name).toBe(driverName);
      const user = await newUser();
      const file = await storedFile(user, "notes 2026.txt", { type: "text/plain" });
      const link = await share(user, { file: file.id });
      const res = await visit(link.token);
      expect(res.status).toBe(302);
      const location = res.headers.get("location")!;
      const got = await signedFetch(location);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-disposition")).toMatch(/^attachment;/);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(Buffer.from(file.bytes));

      const amzExpires = new URL(location).searchParams.get("X-Amz-Expires");
      if (amzExpires !== null) {
        expect(Number(amzExpires)).toBeLessThanOrEqual(SHARE_DOWNLOAD_URL_SECONDS);
      } else {
        // The app-served URL carries its own expiry: a minute and a second later it is refused.
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(Date.now() + (SHARE_DOWNLOAD_URL_SECONDS + 1) * 1000);
        expect((await signedFetch(location)).status).toBe(403);
      }
    });

    it("a disabled owner's links serve nothing: page, text, download, preview and zip answer 410, counting nothing", async () => {
      const admin = await newUser({ role: "ADMIN" });
      const user = await newUser();
      const text = await storedFile(user, "notes.txt", { type: "text/plain" });
      const album = await folder(user, "Album");
      await storedFile(user, "in album.txt", { folderId: album.id });
      const fileLink = await share(user, { file: text.id });
      const folderLink = await share(user, { folder: album.id });
      expect(await textPreview(await look(fileLink.token))).not.toBeNull();

      await updateUser({ kind: "admin", userId: admin.id }, user.id, { disabled: true });
      await expect(look(fileLink.token)).rejects.toMatchObject({ code: "gone", details: { reason: "unavailable" } });
      await expect(look(folderLink.token)).rejects.toMatchObject({ code: "gone" });
      expect((await visit(fileLink.token)).status).toBe(410);
      expect((await preview(fileLink.token, text.id)).status).toBe(410);
      expect((await zip(folderLink.token)).status).toBe(410);
      expect([await downloads(fileLink.id), await downloads(folderLink.id)]).toEqual([0, 0]);
      expect(await db.shareDownload.count({ where: { shareId: { in: [fileLink.id, folderLink.id] } } })).toBe(0);

      await updateUser({ kind: "admin", userId: admin.id }, user.id, { disabled: false });
      expect((await visit(fileLink.token)).status).toBe(302);
    });

    it("a download limit bounds previews too: each preview of a limited link counts, and no text excerpt is shown", async () => {
      const user = await newUser();
      const image = await storedFile(user, "cat.png", { type: "image/png" });
      const notes = await storedFile(user, "notes.txt", { type: "text/plain" });
      const limited = await share(user, { file: image.id }, { maxDownloads: 2 });
      const shown = await preview(limited.token, image.id);
      expect(shown.status).toBe(302);
      const inline = await signedFetch(shown.headers.get("location")!);
      expect(inline.headers.get("content-disposition")).toMatch(/^inline;/);
      expect(Buffer.from(await inline.arrayBuffer())).toEqual(Buffer.from(image.bytes));
      expect(await downloads(limited.id)).toBe(1);
      expect((await visit(limited.token)).status).toBe(302);
      expect((await preview(limited.token, image.id)).status).toBe(410);
      expect(await downloads(limited.id)).toBe(2);
      const events = await db.auditEvent.findMany({ where: { action: "share.download", target: limited.id } });
      expect(events.map((e) => JSON.parse(e.details!).preview ?? false).sort()).toEqual([false, true]);

      // The page's text excerpt hands out the bytes uncounted: only links without a limit show one.
      const limitedText = await share(user, { file: notes.id }, { maxDownloads: 5 });
      expect(await textPreview(await look(limitedText.token))).toBeNull();
      const openText = await share(user, { file: notes.id });
      expect((await textPreview(await look(openText.token)))?.text).toBe(new TextDecoder().decode(notes.bytes));
      expect((await preview(openText.token, notes.id)).status).toBe(302);
      expect(await downloads(openText.id)).toBe(0);
    });

    it("revoking the link or trashing the file ends the URLs it handed out (app-served at once; a bucket's within their short life)", async () => {
      const user = await newUser();
      const owner = userActor(user.id);
      const file = await storedFile(user, "report.txt", { type: "text/plain" });
      const link = await share(user, { file: file.id }, { maxDownloads: 1 });
      const download = (await visit(link.token)).headers.get("location")!;
      const other = await share(user, { file: file.id });
      const shown = (await preview(other.token, file.id)).headers.get("location")!;
      // The download that used the link up paid for its URL: it still works.
      expect((await signedFetch(download)).status).toBe(200);
      expect((await signedFetch(shown)).status).toBe(200);

      if (!appServed(download)) {
        // A presigned bucket URL cannot be called back; it is kept short instead (README, Security).
        expect(Number(new URL(download).searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(
          SHARE_DOWNLOAD_URL_SECONDS,
        );
        expect(Number(new URL(shown).searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(SHARE_PREVIEW_URL_SECONDS);
        return;
      }
      await revokeShare(owner, link.id);
      const refused = await signedFetch(download);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe("forbidden");
      expect((await signedFetch(shown)).status).toBe(200);
      await trashFile(owner, file.id);
      expect((await signedFetch(shown)).status).toBe(403);
      // The owner's own URLs are not the link's: restoring brings the link (and its URL) back.
      await restoreFile(owner, file.id);
      expect((await signedFetch(shown)).status).toBe(200);
    });
  });
}
