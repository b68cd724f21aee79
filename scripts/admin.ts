// `npm run admin -- create|promote|reset-password <email>`: recovery for when nobody can sign in
// as an admin. On a terminal, `create` and `reset-password` ask for a password (leave it empty to
// get a one-time set-password link instead); otherwise they print the link.
import "./load-env";
import readline from "node:readline";
import { Writable } from "node:stream";
import { createAdmin, promote, resetPassword } from "../lib/admin/recovery";
import { disconnectDb } from "../lib/db";
import { DomainError } from "../lib/errors";
import { MIN_PASSWORD_LENGTH } from "../lib/schemas/accounts";

const USAGE = "Usage: npm run admin -- create|promote|reset-password <email>";

/** Reads a line without echoing it. */
async function askHidden(question: string): Promise<string> {
  let muted = true;
  const output = new Writable({
    write: (chunk, _enc, done) => (muted ? done() : process.stdout.write(chunk, () => done())),
  });
  // The interface puts the terminal in raw mode; only then is it safe to ask (nothing echoes).
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  process.stdout.write(question);
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  muted = false;
  rl.close();
  process.stdout.write("\n");
  return answer;
}

async function passwordFromTerminal(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  for (;;) {
    const password = await askHidden(
      `New password (at least ${MIN_PASSWORD_LENGTH} characters; empty for a one-time link): `,
    );
    if (!password) return undefined;
    if (password.length < MIN_PASSWORD_LENGTH) {
      console.log(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      continue;
    }
    if ((await askHidden("Repeat it: ")) === password) return password;
    console.log("The two passwords differ; try again.");
  }
}

function report(email: string, done: string, link?: string) {
  console.log(link ? `${done} Send ${email} this one-time link to set a password (valid 7 days):\n${link}` : done);
}

async function main(): Promise<number> {
  const [command, email] = process.argv.slice(2);
  if (!email || !/^\S+@\S+$/.test(email) || !["create", "promote", "reset-password"].includes(command ?? "")) {
    console.error(USAGE);
    return 2;
  }
  if (command === "promote") {
    await promote(email);
    console.log(`${email} is now an administrator (and enabled).`);
  } else if (command === "create") {
    const { setPasswordUrl } = await createAdmin(email, await passwordFromTerminal());
    report(email, `Created administrator ${email}.`, setPasswordUrl);
  } else {
    const { setPasswordUrl } = await resetPassword(email, await passwordFromTerminal());
    report(
      email,
      setPasswordUrl ? `Issued a password link for ${email}.` : `Password changed for ${email}.`,
      setPasswordUrl,
    );
  }
  return 0;
}

main()
  .catch((error) => {
    console.error(error instanceof DomainError ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  });
