import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { userActor } from "../files/access";
import { checkSecondFactor, confirmTotp, removeSecondFactor, secondFactorStatus, startTotpEnrolment } from "./totp";
import { registerUser } from "./users";

let n = 0;
async function enrolled(now: Date) {
  n += 1;
  const user = await registerUser({ email: `totp-${n}@example.com`, password: "correct horse", name: undefined });
  const actor = userActor(user.id);
  const { secret, uri, qrSvg } = await startTotpEnrolment(actor);
  expect(uri).toContain(`secret=${secret}`);
  expect(qrSvg).toContain("<svg");
  const epoch = Math.floor(now.getTime() / 1000);
  await expect(confirmTotp(actor, "000000", now)).rejects.toMatchObject({ code: "invalid_request" });
  const { recoveryCodes } = await confirmTotp(actor, await generate({ secret, epoch }), now);
  return { user, actor, secret, recoveryCodes, code: (at: number) => generate({ secret, epoch: at }) };
}

describe("TOTP second factor", () => {
  it("stores the secret encrypted and recovery codes hashed; codes are accepted once, in order", async () => {
    const start = new Date("2026-12-06T10:00:05Z");
    const t = Math.floor(start.getTime() / 1000);
    const { user, secret, recoveryCodes, code } = await enrolled(start);
    expect(recoveryCodes).toHaveLength(10);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret).not.toContain(secret);
    const stored = JSON.stringify(await db.recoveryCode.findMany({ where: { userId: user.id } }));
    for (const c of recoveryCodes) expect(stored).not.toContain(c);

    // The enrolment's own code was used: it cannot sign in again within its window.
    expect(await checkSecondFactor(user.id, await code(t), start)).toBe(false);
    const next = new Date(start.getTime() + 30_000);
    const nextCode = await code(t + 30);
    expect(await checkSecondFactor(user.id, nextCode, next)).toBe(true);
    expect(await checkSecondFactor(user.id, nextCode, next)).toBe(false); // replayed
    expect(await checkSecondFactor(user.id, "123456", next)).toBe(false);

    // A recovery code works once.
    expect(await checkSecondFactor(user.id, recoveryCodes[0]!.toUpperCase(), next)).toBe(true);
    expect(await checkSecondFactor(user.id, recoveryCodes[0]!, next)).toBe(false);
    expect(await secondFactorStatus(user.id)).toMatchObject({ totp: true, recoveryCodesLeft: 9 });
  });

  it("throttles wrong codes like passwords", async () => {
    const start = new Date("2026-12-06T11:00:05Z");
    const { user } = await enrolled(start);
    for (let i = 0; i < 6; i++) expect(await checkSecondFactor(user.id, `00000${i}`, start)).toBe(false);
    await expect(checkSecondFactor(user.id, "000009", start)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("is removed by an admin's reset, in the audit log", async () => {
    const start = new Date("2026-12-06T12:00:05Z");
    const { user } = await enrolled(start);
    const admin = await db.user.create({ data: { email: `admin-totp-${n}@example.com`, role: "ADMIN" } });
    await removeSecondFactor({ kind: "admin", userId: admin.id }, user.id, "admin-reset");
    expect(await secondFactorStatus(user.id)).toMatchObject({ totp: false, recoveryCodesLeft: 0 });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.second_factor.removed", target: user.id },
    });
    expect(event.actorId).toBe(admin.id);
  });
});
