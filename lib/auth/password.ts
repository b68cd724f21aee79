// Password hashing with argon2id (OWASP's first choice), via a maintained native binding.
import { hash, verify } from "@node-rs/argon2";

export { MIN_PASSWORD_LENGTH } from "../schemas/accounts";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the account does not exist keeps sign-in time the
// same either way, so response timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash("stowage-dummy-password");
  await verifyPassword(await dummyHash, password);
}
