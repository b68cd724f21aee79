// Admin changes to an account: quota, role, disabled.
import { z } from "zod";
import { db } from "../db";
import { conflict, notFound } from "../errors";
import { effectiveQuota } from "../quota";

export const updateUserInput = z
  .object({
    /** null returns the user to the default quota. */
    quotaBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    role: z.enum(["USER", "ADMIN"]).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export async function updateUser(actorId: string, id: string, input: z.infer<typeof updateUserInput>) {
  const target = await db.user.findUnique({ where: { id } });
  if (!target) throw notFound("User");
  if (id === actorId && (input.role === "USER" || input.disabled === true)) {
    throw conflict("You cannot demote or disable your own account.");
  }
  const user = await db.user.update({
    where: { id },
    data: {
      ...(input.quotaBytes !== undefined ? { quotaBytes: input.quotaBytes === null ? null : BigInt(input.quotaBytes) } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabledAt: input.disabled ? (target.disabledAt ?? new Date()) : null } : {}),
    },
  });
  await db.auditEvent.create({ data: { actorId, action: "admin.user.update", target: id } });
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      usedBytes: Number(user.usedBytes),
      quotaBytes: effectiveQuota(user.quotaBytes),
      fileCount: user.fileCount,
      lastUploadAt: user.lastUploadAt,
      disabled: user.disabledAt !== null,
    },
  };
}
