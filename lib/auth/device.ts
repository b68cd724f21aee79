// "Known devices": a browser that signed in to an account with its password gets a signed
// cookie naming a random device id for that account. Its later sign-ins are throttled on that
// device's own failures only, so a stranger's guesses from elsewhere never lock it out.
import crypto from "node:crypto";
import { env } from "../env";
import { derivedKey } from "../secret";

export const DEVICE_COOKIE = "stowage-device";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function mac(userId: string, deviceId: string): string {
  return crypto.createHmac("sha256", derivedKey("sign-in-device")).update(`${userId}\n${deviceId}`).digest("base64url");
}

/** The cookie to set after a password sign-in of `userId` (keeps the device id it already had). */
export function deviceCookie(userId: string, deviceId = crypto.randomBytes(16).toString("base64url")) {
  return {
    name: DEVICE_COOKIE,
    value: `${deviceId}.${mac(userId, deviceId)}`,
    options: {
      httpOnly: true,
      sameSite: "lax" as const,
      secure: env().APP_URL.startsWith("https://"),
      path: "/api/auth",
      maxAge: ONE_YEAR_SECONDS,
    },
  };
}

/** The device id in a Cookie header when its cookie was issued to `userId`, else null. */
export function knownDevice(cookieHeader: unknown, userId: string): string | null {
  if (typeof cookieHeader !== "string") return null;
  for (const part of cookieHeader.split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name !== DEVICE_COOKIE || !value) continue;
    const [deviceId, signature] = value.split(".", 2);
    if (!deviceId || !signature) continue;
    const expected = Buffer.from(mac(userId, deviceId));
    const given = Buffer.from(signature);
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return deviceId;
  }
  return null;
}
