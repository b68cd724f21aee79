// Passkey challenges and ownership on a real database (the authenticator side is judged in
// Chromium with a virtual authenticator: e2e/passkeys.spec.ts).
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { userActor } from "../files/access";
import { newUser } from "@/test/api";
import {
  finishPasskeyRegistration,
  removePasskey,
  renamePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
  userForPasskey,
} from "./passkeys";

const fakeAnswer = { id: "no-such-credential", rawId: "x", type: "public-key", response: {} } as never;
const reasons = async (userId: string | null) =>
  (
    await db.auditEvent.findMany({
      where: { action: "auth.passkey.failed", target: userId },
      orderBy: { createdAt: "asc" },
    })
  ).map((e) => JSON.parse(e.details ?? "{}").reason);

describe("passkeys", () => {
  it("uses the RP ID and origin of APP_URL and asks for a discoverable credential", async () => {
    const user = await newUser();
    const { options } = await startPasskeyRegistration(userActor(user.id));
    expect(options.rp.id).toBe(new URL(process.env.APP_URL ?? "http://localhost:3000").hostname);
    expect(options.authenticatorSelection?.residentKey).toBe("required");
    const signIn = await startPasskeySignIn();
    expect(signIn.options.allowCredentials ?? []).toEqual([]);
  });

  it("a sign-in challenge is used once, whatever the answer", async () => {
    const { challengeId } = await startPasskeySignIn();
    const before = await reasons(null);
    expect(await userForPasskey(challengeId, fakeAnswer)).toBeNull();
    expect(await userForPasskey(challengeId, fakeAnswer)).toBeNull();
    expect((await reasons(null)).slice(before.length)).toEqual(["unknown_or_disabled", "challenge"]);
    expect(await db.webAuthnChallenge.count({ where: { id: challengeId } })).toBe(0);
  });

  it("a registration challenge expires, and belongs to the account that asked for it", async () => {
    const owner = await newUser();
    const other = await newUser();
    const response = { id: "x", rawId: "x", type: "public-key", response: { clientDataJSON: "x" } } as never;
    const mine = await startPasskeyRegistration(userActor(owner.id));
    await expect(
      finishPasskeyRegistration(userActor(other.id), { challengeId: mine.challengeId, name: "n", response }),
    ).rejects.toMatchObject({ code: "invalid_request" });
    const expiring = await startPasskeyRegistration(userActor(owner.id));
    await db.webAuthnChallenge.update({ where: { id: expiring.challengeId }, data: { expiresAt: new Date(0) } });
    await expect(
      finishPasskeyRegistration(userActor(owner.id), { challengeId: expiring.challengeId, name: "n", response }),
    ).rejects.toMatchObject({ message: expect.stringContaining("expired") });
    // A live challenge with a made-up answer: refused by the verification, not a 500.
    const live = await startPasskeyRegistration(userActor(owner.id));
    await expect(
      finishPasskeyRegistration(userActor(owner.id), { challengeId: live.challengeId, name: "n", response }),
    ).rejects.toMatchObject({ code: "invalid_request", details: { field: "response" } });
  });

  it("another account's passkey cannot be renamed or removed (not found)", async () => {
    const owner = await newUser();
    const other = await newUser();
    const passkey = await db.passkey.create({
      data: { userId: owner.id, credentialId: `cred-${owner.id}`, publicKey: Buffer.from("k"), counter: 0n, name: "a" },
    });
    await expect(renamePasskey(userActor(other.id), passkey.id, "b")).rejects.toMatchObject({ code: "not_found" });
    await expect(removePasskey(userActor(other.id), passkey.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await renamePasskey(userActor(owner.id), passkey.id, "b")).name).toBe("b");
    // The second factor: another account's passkey never passes for this one.
    const { challengeId } = await startPasskeySignIn();
    const answer = { ...(fakeAnswer as object), id: passkey.credentialId } as never;
    expect(await userForPasskey(challengeId, answer, { expectedUserId: other.id })).toBeNull();
    expect(await reasons(owner.id)).toEqual(["other_account"]);
  });
});
