// The audit log's writer: who (an Actor), what, which target, from where. Part of the access layer
// (lib/files/access.ts re-exports it): every change names its actor, and its event is written in the
// transaction of the change.
import type { Prisma } from "../db";
import { insertRows, newRowId } from "../db/insert-rows";
import type { Actor, ClientInfo } from "./access";

/** The id an actor is recorded under in the audit log (null for links and the system). */
export function actorId(actor: Actor): string | null {
  return actor.kind === "user" || actor.kind === "admin" ? actor.userId : null;
}

/**
 * Records an audit event: who (the actor; null when nobody is established, as for a failed
 * sign-in), the action, its target, and where the request came from (the actor's client, else
 * `client`).
 * Pass the transaction that makes the change, so the event and the change are written
 * together or not at all. `details` must never hold a secret (a password, token or signed URL).
 */
export async function audit(
  tx: Pick<Prisma.TransactionClient, "auditEvent">,
  actor: Actor | null,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
  client: ClientInfo | undefined = actor?.client,
): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(actor, action, target, details, client), select: { id: true } });
}

/**
 * Several events of one actor and action (a batch of uploads) in one statement: a raw INSERT, since
 * Prisma compiles every createMany anew (lib/db/insert-rows.ts).
 */
export async function auditMany(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  actor: Actor,
  action: string,
  events: { target: string; details?: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  const createdAt = new Date();
  await insertRows(
    tx,
    "AuditEvent",
    events.map((e) => ({ id: newRowId(), ...auditRow(actor, action, e.target, e.details, actor.client), createdAt })),
  );
}

function auditRow(
  actor: Actor | null,
  action: string,
  target: string | null,
  details: Record<string, unknown> | undefined,
  client: ClientInfo | undefined,
) {
  const who =
    actor?.kind === "share"
      ? { via: `share:${actor.shareId}` }
      : actor?.kind === "request"
        ? { via: `request:${actor.requestId}` }
        : actor?.kind === "system"
          ? { via: `system:${actor.reason}` }
          : {};
  const merged = { ...who, ...details };
  return {
    actorId: actor ? actorId(actor) : null,
    action,
    target,
    ip: client?.ip ?? null,
    userAgent: client?.userAgent?.slice(0, 500) ?? null,
    details: Object.keys(merged).length ? JSON.stringify(merged) : null,
  };
}
