import { z } from "zod";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { requestPasswordReset } from "@/lib/auth/password-reset";

const body = z.object({
  email: z.email({ message: "Enter a valid email address." }).max(254),
});

// "Forgot password?": 202 whether or not the address has an account (404 when mail is not set up).
export const POST = route({ auth: "none", body }, async ({ body, client }) => {
  await requestPasswordReset(body.email, client);
  return json(
    { message: "If that address has an account, a link to reset its password is on its way." },
    { status: 202 },
  );
});
