// Passkeys (lib/auth/passkeys.ts): the shapes the browser sends, shared by client and server.
import { z } from "zod";

export const passkeyName = z
  .string({ message: "Give the passkey a name." })
  .trim()
  .min(1, { message: "Give the passkey a name." })
  .max(100, { message: "Use at most 100 characters." });

/**
 * A WebAuthn credential as @simplewebauthn/browser serialises it (base64url strings); the library
 * on the server checks every field, so only its outline and size are checked here.
 */
export const credentialJson = z.looseObject({
  id: z.string().min(1).max(2048),
  rawId: z.string().min(1).max(2048),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(16_384) }),
  clientExtensionResults: z.looseObject({}).default({}),
});

export const finishRegistrationInput = z.object({
  challengeId: z.string().min(1).max(100),
  name: passkeyName,
  response: credentialJson,
});

export const renamePasskeyInput = z.object({ name: passkeyName });

/** What the account page lists (the key itself never leaves the server). */
export interface ApiPasskey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}
