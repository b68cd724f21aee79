// Secrets never reach the logs, the audit log, or any response but the one that hands them out:
// account, share and set-password passwords; API tokens; share link tokens; set-password links;
// signed storage URLs. Everything the logger writes is captured while a journey uses each of them,
// then the captured lines, every AuditEvent row and every response are searched for each one.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as registerRoute } from "../register/handlers";
import { GET as meRoute } from "../me/handlers";
import { GET as tokensList, POST as tokensCreate } from "../tokens/handlers";
import { POST as uploadsCreate } from "../uploads/handlers";
import { POST as uploadComplete } from "../uploads/[id]/complete/handlers";
import { GET as downloadRoute } from "../files/[id]/download/handlers";
import { POST as shareCreate } from "../files/[id]/shares/handlers";
import { GET as sharesList } from "../shares/handlers";
import { POST as createUserRoute } from "../admin/users/handlers";
import { GET as userDetailRoute } from "../admin/users/[id]/handlers";
import { POST as resetLinkRoute } from "../admin/users/[id]/reset-link/handlers";
import { GET as auditRoute } from "../admin/audit/handlers";
import { GET as usageRoute } from "../admin/usage/handlers";
import { POST as setPasswordRoute } from "../password-tokens/[token]/handlers";
import { POST as shareDownloadPost } from "@/app/s/[token]/handlers/download";
import { call, newUser, ORIGIN } from "@/test/api";
import { signedFetch } from "@/test/signed-fetch";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { checkCredentials } from "@/lib/auth/users";
import { sweepExpiredUploads } from "@/lib/uploads/sweep";
import { setLogDestination } from "@/lib/log";

const captured: string[] = [];
const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");

beforeAll(() => {
  process.env.LOG_LEVEL = "debug";
  resetEnvCache();
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void captured.push(text(args)));
  }
  // The logger writes to the file descriptors itself (pino, synchronously): capture its lines
  // where they leave it, and whatever still goes through the process streams.
  setLogDestination({ write: (line: string) => void captured.push(line) });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
});
afterAll(() => {
  setLogDestination(undefined);
  vi.restoreAllMocks();
  delete process.env.LOG_LEVEL;
  resetEnvCache();
});

/** Every response of the journey, with what it may legitimately carry (the secret it hands out). */
const responses: { label: string; text: string; location: string; handsOut?: string[] }[] = [];

async function record<T extends { text: string; headers: Headers }>(
  label: string,
  answer: Promise<T>,
  handsOut?: string[],
) {
  const result = await answer;
  responses.push({ label, text: result.text, location: result.headers.get("location") ?? "", handsOut });
  return result;
}

describe("secrets", () => {
  it("never appear in logs, audit events or responses other than the one that hands them out", async () => {
    const secrets: Record<string, string> = {
      accountPassword: "Reg1ster-Passw0rd-7f3a",
      wrongPassword: "Wr0ng-Guess-9c1d",
      sharePassword: "Sh4re-Passw0rd-2b8e",
      newPassword: "N3w-Passw0rd-5d0f",
    };
    const registered = await record(
      "register",
      call(registerRoute, {
        method: "POST",
        body: { email: "secret-keeper@example.com", password: secrets.accountPassword },
      }),
    );
    expect(registered.status).toBe(201);
    const userId = registered.json.user.id as string;
    expect(await checkCredentials("secret-keeper@example.com", secrets.wrongPassword)).toBeNull();
    expect(await checkCredentials("secret-keeper@example.com", secrets.accountPassword)).not.toBeNull();

    const admin = await newUser({ role: "ADMIN" });
    const created = await record(
      "token create",
      call(tokensCreate, { method: "POST", sessionFor: userId, body: { name: "cli" } }),
    );
    const apiToken = created.json.token as string;
    secrets.apiToken = apiToken;
    responses.at(-1)!.handsOut = [apiToken];
    await record("token list", call(tokensList, { token: apiToken }));
    await record("me", call(meRoute, { token: apiToken }));

    const bytes = new TextEncoder().encode("secret bytes");
    const upload = await record(
      "upload create",
      call(uploadsCreate, {
        method: "POST",
        token: apiToken,
        body: { name: "s.txt", size: bytes.byteLength, type: "text/plain" },
      }),
    );
    secrets.uploadUrl = upload.json.url;
    responses.at(-1)!.handsOut = [upload.json.url];
    await signedFetch(upload.json.url, { method: "PUT", body: bytes, headers: upload.json.headers });
    const done = await record(
      "complete",
      call(uploadComplete, { method: "POST", token: apiToken, params: { id: upload.json.uploadId }, body: {} }),
    );
    const fileId = done.json.file.id as string;
    const download = await record("download", call(downloadRoute, { token: apiToken, params: { id: fileId } }));
    secrets.downloadUrl = download.headers.get("location")!;
    responses.at(-1)!.handsOut = [secrets.downloadUrl];

    const share = await record(
      "share create",
      call(shareCreate, {
        method: "POST",
        token: apiToken,
        params: { id: fileId },
        body: { password: secrets.sharePassword },
      }),
    );
    const shareUrl = share.json.share.url as string;
    const shareToken = decodeURIComponent(new URL(shareUrl).pathname.split("/").pop()!);
    secrets.shareToken = shareToken;
    // The owner's own link list shows the link: that is its purpose.
    responses.at(-1)!.handsOut = [shareToken];
    await record("share list", call(sharesList, { token: apiToken }), [shareToken]);
    const visit = (password: string) =>
      shareDownloadPost(
        new Request(`${ORIGIN}/s/${shareToken}/download`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ password }),
        }),
        { params: Promise.resolve({ token: shareToken }) },
      ).then(async (r) => ({ text: await r.text(), headers: r.headers, status: r.status }));
    expect((await record("share wrong password", visit(secrets.wrongPassword))).status).toBe(403);
    const shared = await record("share download", visit(secrets.sharePassword));
    secrets.shareDownloadUrl = shared.headers.get("location")!;
    responses.at(-1)!.handsOut = [secrets.shareDownloadUrl];

    const added = await record(
      "admin add user",
      call(createUserRoute, { method: "POST", token: admin.token, body: { email: "added@example.com" } }),
    );
    secrets.createLink = added.json.setPasswordUrl;
    responses.at(-1)!.handsOut = [secrets.createLink];
    const reset = await record(
      "admin reset link",
      call(resetLinkRoute, { method: "POST", token: admin.token, params: { id: userId } }),
    );
    secrets.resetLink = reset.json.setPasswordUrl;
    responses.at(-1)!.handsOut = [secrets.resetLink];
    const resetToken = decodeURIComponent(new URL(secrets.resetLink).pathname.split("/").pop()!);
    secrets.resetToken = resetToken;
    const set = await record(
      "set password",
      call(setPasswordRoute, {
        method: "POST",
        params: { token: resetToken },
        body: { password: secrets.newPassword },
      }),
    );
    expect(set.status).toBe(204);
    await record("admin user detail", call(userDetailRoute, { token: admin.token, params: { id: userId } }));
    await record("admin usage", call(usageRoute, { token: admin.token }));
    await record("admin audit", call(auditRoute, { token: admin.token, path: "/api/admin/audit?limit=200" }));

    // Something is certainly logged: the sweeper reports what it forgot.
    await db.auditEvent.create({ data: { action: "file.trash", createdAt: new Date(0) } });
    await sweepExpiredUploads();
    expect(captured.join("\n")).toContain("audit events");

    // The signed URLs' tokens (the path's last segment, the query's signature) are secrets too.
    for (const name of ["uploadUrl", "downloadUrl", "shareDownloadUrl"]) {
      const url = new URL(secrets[name]!);
      secrets[`${name}Token`] = url.pathname.split("/").pop()! + url.search;
    }
    const logs = captured.join("\n");
    const audit = JSON.stringify(await db.auditEvent.findMany());
    expect(audit).toContain("share.download"); // the journey was recorded
    for (const [name, secret] of Object.entries(secrets)) {
      expect(logs.includes(secret), `${name} in the logs`).toBe(false);
      expect(audit.includes(secret), `${name} in the audit log`).toBe(false);
      for (const response of responses) {
        if (response.handsOut?.some((given) => given.includes(secret) || secret.includes(given))) continue;
        const seen = response.text.includes(secret) || response.location.includes(secret);
        expect(seen, `${name} in the response to ${response.label}`).toBe(false);
      }
    }
  });
});
