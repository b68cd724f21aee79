// The settings page's "Connect with WebDAV" panel: the address of the account's files for Finder,
// Explorer, Linux file managers and rclone, and what to sign in with (email + an API token below).
const code = "rounded bg-zinc-100 px-1 py-0.5 text-xs dark:bg-zinc-800 break-all";

export function WebDavPanel({ appUrl }: { appUrl: string }) {
  const address = `${appUrl.replace(/\/+$/, "")}/dav/`;
  const host = address.replace(/^https?:\/\//, "");
  const secure = address.startsWith("https://");
  return (
    <>
      <h2 className="mt-10 text-base font-semibold">Connect with WebDAV</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Mount your files in your computer’s file manager or sync them with rclone at{" "}
        <code className={code}>{address}</code>. Sign in with your email and an API token (create one above); your
        password works too.
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
        <li>
          macOS Finder: Go → Connect to Server…, then <code className={code}>{address}</code>
        </li>
        <li>
          Windows Explorer: Map network drive → Connect to a Web site…, then <code className={code}>{address}</code>
          {secure ? null : " (plain HTTP needs the BasicAuthLevel registry setting: see the README)"}
        </li>
        <li>
          Linux (GNOME Files, Dolphin): <code className={code}>{`${secure ? "davs" : "dav"}://${host}`}</code>
        </li>
        <li>
          rclone: <code className={code}>{`rclone config create stowage webdav url=${address} vendor=other`}</code>
        </li>
      </ul>
    </>
  );
}
