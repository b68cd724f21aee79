// File request tokens: made exactly as share links' (lib/shares/tokens.ts explains the design), under
// a key of their own, so a share token never opens a request and the other way round.
import { derivedKey } from "../secret";
import { hashToken, shareToken, signedShareId } from "../shares/tokens";

const key = () => derivedKey("file-request-links");

export const requestToken = (requestId: string) => shareToken(requestId, key());
export const signedRequestId = (token: string) => signedShareId(token, key());
export { hashToken };
