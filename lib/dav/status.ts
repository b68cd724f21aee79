// A WebDAV answer that is not an API error: a status (423 Locked, 412, 507, 502…) and an optional
// RFC 4918 precondition element. The /dav/ handlers turn it, and DomainErrors, into responses.
import { DomainError } from "../errors";
import { statusOf } from "../http/respond";

export class DavStatus extends Error {
  override name = "DavStatus";
  constructor(
    readonly status: number,
    message: string,
    /** A DAV: precondition element name for the <D:error> body (e.g. "lock-token-submitted"). */
    readonly condition?: string,
  ) {
    super(message);
  }
}

export const locked = (message = "The resource is locked.") => new DavStatus(423, message, "lock-token-submitted");
export const preconditionFailed = (message: string) => new DavStatus(412, message);
export const insufficientStorage = (message: string) => new DavStatus(507, message);

/** The status and text of anything a /dav/ handler threw (unexpected errors: 500, logged by the caller). */
export function davStatusOf(error: unknown): { status: number; message: string; condition?: string } | null {
  if (error instanceof DavStatus) return { status: error.status, message: error.message, condition: error.condition };
  if (error instanceof DomainError) {
    const status = error.code === "quota_exceeded" ? 507 : statusOf(error.code);
    return { status, message: error.message };
  }
  return null;
}
