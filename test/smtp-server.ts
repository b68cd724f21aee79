// A real SMTP server (the smtp-server package) on a free local port, keeping what arrives: the
// tests of outgoing mail (vitest and Playwright) read the messages from it.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  /** For SMTP_URL. */
  url: string;
  inbox: ReceivedMail[];
  /** The messages addressed to `to`. */
  mailFor(to: string): ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    mailFor: (to) => inbox.filter((m) => m.to.includes(to)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message's text with quoted-printable soft line breaks joined (links survive whole). */
export const mailText = (mail: ReceivedMail) => mail.raw.replace(/=\r?\n/g, "");
