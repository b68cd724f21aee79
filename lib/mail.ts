// Outgoing mail (nodemailer over SMTP), when SMTP_URL and MAIL_FROM are set; without them nothing
// is offered that would need it (the sign-in page shows no "Forgot password?"). Knows nothing of
// users: services decide what to send and to whom.
import nodemailer from "nodemailer";
import { env } from "./env";
import { log } from "./log";
import { perProcess } from "./per-process";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Whether this server can send mail. */
export function mailConfigured(): boolean {
  const config = env();
  return Boolean(config.SMTP_URL && config.MAIL_FROM);
}

/** One pooled transport per process and server address. */
function transport(url: string) {
  return perProcess(`mail-transport:${url}`, () => nodemailer.createTransport(url));
}

/** Sends one message; false (logged, without its content) when the server refused or was unreachable. */
export async function sendMail(mail: Mail): Promise<boolean> {
  const config = env();
  if (!config.SMTP_URL || !config.MAIL_FROM) return false;
  try {
    await transport(config.SMTP_URL).sendMail({ from: config.MAIL_FROM, ...mail });
    return true;
  } catch (error) {
    // The message may hold a one-time link: only its subject is logged.
    log.warn("mail: could not send", { subject: mail.subject, error: String((error as Error)?.message ?? error) });
    return false;
  }
}
