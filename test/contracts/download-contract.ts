// A share link's download on each storage driver (run by lib/shares/shares.local.test.ts and
// shares.s3.test.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDriver } from "@/lib/storage";
import { newUser } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";
import { share, storedFile, visit } from "@/test/shares";

export function shareDownloadContract(driverName: "local" | "s3") {
  describe(`share link downloads on the ${driverName} driver`, () => {
    afterEach(() => vi.useRealTimers());

    it("redirects to a signed attachment GET of the same bytes, valid at most 5 minutes", async () => {
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
        expect(Number(amzExpires)).toBeLessThanOrEqual(300);
      } else {
        // The app-served URL carries its own expiry: 5 minutes and a second later it is refused.
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(Date.now() + 301_000);
        expect((await signedFetch(location)).status).toBe(403);
      }
    });
  });
}
