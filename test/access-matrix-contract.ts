// The access-control matrix, generated from the app's route table (test/routes.ts) through its router, run once per
// storage driver: every route signed out → 401; every admin route as a plain user → 403; every
// route naming another user's file, folder, link, token, upload or session (in its path, query or body)
// → 404, exactly like a missing one; the routes that name nothing show nothing of anyone else's;
// and afterwards the other user's things are all still there, untouched.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createFolder } from "@/app/api/folders/handlers";
import { POST as createShare } from "@/app/api/files/[id]/shares/handlers";
import { POST as createUpload } from "@/app/api/uploads/handlers";
import { GET as getFile } from "@/app/api/files/[id]/handlers";
import { GET as getUpload } from "@/app/api/uploads/[id]/handlers";
import { GET as me } from "@/app/api/me/handlers";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/requests/manage";
import { startSession } from "@/lib/auth/sessions";
import { createAppPassword } from "@/lib/auth/app-passwords";
import { userActor } from "@/lib/files/access";
import { call, dispatch, newUser } from "./api";
import { uploadFile } from "./files";
import { API_ROUTES, urlPath, type ApiRoute, type Victim } from "./routes";

type User = Awaited<ReturnType<typeof newUser>>;

function request(route: ApiRoute, victim: Victim, auth: { token?: string }) {
  const params = route.params?.(victim) ?? {};
  const query = route.query?.(victim);
  const body = route.body?.(victim);
  return dispatch({
    method: route.method,
    path: `${urlPath(route, params)}${query ? `?${query}` : ""}`,
    body,
    headers: route.contentType ? { "content-type": route.contentType } : undefined,
    ...auth,
  });
}

const label = (route: ApiRoute) => `${route.method} ${route.path}`;
const guarded = API_ROUTES.filter((route) => route.access !== "public");

export function accessMatrix(driver: "local" | "s3") {
  describe(`access-control matrix (${driver})`, () => {
    let owner: User;
    let stranger: User;
    let viewer: User;
    let victim: Victim;

    beforeAll(async () => {
      owner = await newUser();
      stranger = await newUser();
      const file = await uploadFile(owner, "private.txt", new TextEncoder().encode("the owner's bytes"));
      // Replaced once: the first bytes are a version of it.
      await uploadFile(owner, "private.txt", new TextEncoder().encode("the owner's new bytes"), { replace: true });
      const version = await db.fileVersion.findFirstOrThrow({ where: { fileId: file.id } });
      const folder = await call(createFolder, { method: "POST", token: owner.token, body: { name: "Private" } });
      const share = await call(createShare, { method: "POST", token: owner.token, params: { id: file.id }, body: {} });
      const upload = await call(createUpload, {
        method: "POST",
        token: owner.token,
        body: { name: "half.bin", size: 10, type: "application/octet-stream" },
      });
      const token = await db.apiToken.findFirstOrThrow({ where: { userId: owner.id } });
      const session = await startSession(owner.id);
      const appPassword = await createAppPassword(userActor(owner.id), { name: "owner's laptop", scope: "write" });
      const passkey = await db.passkey.create({
        data: {
          userId: owner.id,
          credentialId: `owner-credential-${owner.id}`,
          publicKey: Buffer.from("key"),
          counter: 0n,
          name: "owner's phone",
        },
      });
      // A group the owner is in, and the owner's folder and file shared read-only with a third user.
      viewer = await newUser();
      const group = await db.group.create({
        data: { name: `matrix ${owner.id}`, members: { create: { userId: owner.id } } },
      });
      const grants = await Promise.all([
        db.grant.create({
          data: { ownerId: owner.id, folderId: folder.json.folder.id, userId: viewer.id, role: "VIEWER" },
        }),
        db.grant.create({ data: { ownerId: owner.id, fileId: file.id, userId: viewer.id, role: "VIEWER" } }),
      ]);
      await db.user.update({ where: { id: viewer.id }, data: { mayHoldGrants: true } }); // as createGrant does
      victim = {
        appPasswordId: appPassword.id,
        passkeyId: passkey.id,
        fileId: file.id,
        folderId: folder.json.folder.id,
        grantId: grants[0].id,
        groupId: group.id,
        sessionId: session.sid,
        shareId: share.json.share.id,
        tokenId: token.id,
        uploadId: upload.json.uploadId,
        userId: owner.id,
        versionId: version.id,
        requestId: (await createRequest(userActor(owner.id), folder.json.folder.id, { expiresIn: 3600 })).request.id,
      };
    });

    it.each(guarded.map((route) => [label(route), route] as const))("%s signed out: 401", async (_, route) => {
      const answer = await request(route, victim, {});
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe("unauthenticated");
    });

    const adminRoutes = guarded.filter((route) => route.access === "admin");
    it.each(adminRoutes.map((route) => [label(route), route] as const))("%s as a plain user: 403", async (_, route) => {
      const answer = await request(route, victim, { token: stranger.token });
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe("forbidden");
    });

    const naming = guarded.filter((route) => route.access === "user" && (route.params || route.query || route.body));
    const ownAccount = (route: ApiRoute) => route.ownAccount;
    const naming404 = naming.filter(
      (route) =>
        !(route.method === "POST" && route.path === "/api/tokens") && ownAccount(route) === undefined && !route.perItem,
    );
    it.each(naming404.map((route) => [label(route), route] as const))(
      "%s with another user's id: 404",
      async (_, route) => {
        const answer = await request(route, victim, { token: stranger.token });
        expect(answer.status).toBe(404);
        expect(answer.json.error.code).toBe("not_found");
      },
    );

    const perItem = naming.filter((route) => route.perItem);
    it.each(perItem.map((route) => [label(route), route] as const))(
      "%s with another user's id: that item answers 404",
      async (_, route) => {
        const answer = await request(route, victim, { token: stranger.token });
        expect(answer.status).toBe(200);
        const entries = (answer.json.uploads ?? answer.json.results) as { status: number; error: { code: string } }[];
        expect(entries.map((e) => [e.status, e.error.code])).toEqual([[404, "not_found"]]);
      },
    );

    const plain = guarded.filter(
      (route) => route.access === "user" && !naming404.includes(route) && !perItem.includes(route),
    );
    it.each(plain.map((route) => [label(route), route] as const))(
      "%s shows nothing of another user's",
      async (_, route) => {
        const answer = await request(route, victim, { token: stranger.token });
        const expected = ownAccount(route);
        if (expected === undefined) expect(answer.status).toBeLessThan(300);
        else expect([expected].flat()).toContain(answer.status);
        for (const id of Object.values(victim)) expect(answer.text).not.toContain(id);
      },
    );

    const viewed = guarded.filter((route) => route.asViewer !== undefined);
    it.each(viewed.map((route) => [label(route), route] as const))(
      "%s as a Viewer of the file and folder",
      async (_, route) => {
        const answer = await request(route, victim, { token: viewer.token });
        expect(answer.status, answer.text).toBe(route.asViewer);
        if (route.asViewer! >= 400)
          expect(answer.json.error.code).toBe(route.asViewer === 403 ? "forbidden" : "not_found");
      },
    );

    it("leaves the other user's things as they were", async () => {
      expect(
        (await call(getFile, { token: owner.token, params: { id: victim.fileId } })).json.file.deletedAt,
      ).toBeNull();
      expect((await call(getUpload, { token: owner.token, params: { id: victim.uploadId } })).status).toBe(200);
      const share = await db.share.findUniqueOrThrow({ where: { id: victim.shareId } });
      expect(share.revokedAt).toBeNull();
      expect(share.maxDownloads).toBeNull();
      expect(await db.folder.findUniqueOrThrow({ where: { id: victim.folderId } })).toMatchObject({
        name: "Private",
        deletedAt: null,
      });
      expect((await db.apiToken.findUniqueOrThrow({ where: { id: victim.tokenId } })).revokedAt).toBeNull();
      expect((await db.session.findUniqueOrThrow({ where: { id: victim.sessionId } })).endedAt).toBeNull();
      expect((await db.appPassword.findUniqueOrThrow({ where: { id: victim.appPasswordId } })).revokedAt).toBeNull();
      expect(await db.fileRequest.findUniqueOrThrow({ where: { id: victim.requestId } })).toMatchObject({
        revokedAt: null,
        unseenCount: 0,
      });
      expect((await db.passkey.findUniqueOrThrow({ where: { id: victim.passkeyId } })).name).toBe("owner's phone");
      const usage = (await call(me, { token: owner.token })).json.usage;
      expect(usage).toMatchObject({
        fileCount: 1,
        usedBytes: "the owner's bytes".length + "the owner's new bytes".length,
        versionBytes: "the owner's bytes".length,
      });
      // The version is still there, still holding the first bytes.
      expect(await db.fileVersion.findUniqueOrThrow({ where: { id: victim.versionId } })).toMatchObject({
        fileId: victim.fileId,
        size: BigInt("the owner's bytes".length),
      });
      expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).quotaBytes).toBeNull();
      expect(await db.grant.findUniqueOrThrow({ where: { id: victim.grantId } })).toMatchObject({ role: "VIEWER" });
      expect(await db.group.findUniqueOrThrow({ where: { id: victim.groupId } })).toMatchObject({ provider: null });
    });
  });
}
