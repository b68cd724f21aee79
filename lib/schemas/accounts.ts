// Accounts, tokens and the signed-in user's view of themselves: shared by the services and
// the browser (the sign-up form reads field errors from the API's `field`, not from its text).
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 8;

export const registerInput = z.object({
  email: z
    .email({ message: "Enter a valid email address." })
    .max(254)
    .transform((e) => e.trim().toLowerCase()),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
    .max(1024, { message: "That password is too long." }),
  name: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((n) => (n ? n : undefined)),
});

export const changePasswordInput = z.object({
  currentPassword: z
    .string({ message: "Enter your current password." })
    .min(1, { message: "Enter your current password." })
    .max(1024),
  newPassword: z
    .string({ message: "Choose a new password." })
    .min(MIN_PASSWORD_LENGTH, { message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
    .max(1024, { message: "That password is too long." }),
});

export const updateMeInput = z.object({
  name: z
    .string({ message: "Enter a name." })
    .trim()
    .max(100, { message: "Use at most 100 characters." })
    .transform((n) => (n ? n : null)),
});

export const createTokenInput = z.object({
  name: z
    .string({ message: "Give the token a name." })
    .trim()
    .min(1, { message: "Give the token a name." })
    .max(100, { message: "Use at most 100 characters." }),
});

export type Role = "USER" | "ADMIN";

export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export interface Usage {
  usedBytes: number;
  /** null: unlimited. */
  quotaBytes: number | null;
  fileCount: number;
  /** Of usedBytes, what the trash holds (emptying it frees this much). */
  trashBytes: number;
  /** Of usedBytes, what older versions of files take (lib/versions). */
  versionBytes: number;
}

export interface Me {
  user: PublicUser;
  usage: Usage;
}

/** One of the signed-in user's sessions (GET /api/me/sessions); times are ISO-8601. */
export interface ApiSession {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  ip: string | null;
  /** The session this browser is signed in with. */
  current: boolean;
}

/** A TOTP code (6 digits) or a recovery code (xxxxxxxx-xxxxxxxx). */
export const secondFactorCodeInput = z.object({
  code: z.string({ message: "Enter the code." }).trim().min(6, { message: "Enter the code." }).max(40),
});

/** The admin's two-factor policy: who must use a second factor (lib/auth/policy.ts). */
export const twoFactorPolicy = z.enum(["off", "admins", "everyone"], {
  message: "Choose off, admins or everyone.",
});
export type TwoFactorPolicy = z.infer<typeof twoFactorPolicy>;

export const signInPolicyInput = z.object({ twoFactorRequired: twoFactorPolicy });
export type SignInPolicy = z.infer<typeof signInPolicyInput>;

/** The `reason` of the 403 `forbidden` a signed-in user who must set up two-factor first gets from the API. */
export const ENROLMENT_REQUIRED = "two_factor_enrolment_required";
