// The pages' own paths under odd input: /files/<id>, /s/<token>, /set-password/<token> and
// /admin/users/<id> with malformed escapes, lone surrogates, NUL, very long, traversal-looking and
// script-looking segments, signed in and out. Each answers without a 500, with the security
// headers; another account's folder page answers as a missing one does. No browser.
import { expect, test } from "@playwright/test";
import { userWithToken } from "../bench/auth";

const SEGMENTS = [
  "x",
  "%E0%A4%A",
  "%ED%A0%80",
  "%00",
  "%ZZ",
  "a".repeat(4000),
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "'%20OR%201%3D1--",
  "%F0%9F%98%80",
  "%20",
  "null",
  "-1",
  "a%2Fb",
];
const PAGES = ["/files/", "/s/", "/set-password/", "/admin/users/"];

test.beforeEach(() => {
  test.skip(test.info().project.name !== "local", "one run is enough: no browser, no storage driver of its own");
});

test("page paths answer odd input without a 500, with the security headers", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const user = await userWithToken(baseURL!);
  for (const cookie of [undefined, user.cookie]) {
    for (const page of PAGES) {
      for (const segment of SEGMENTS) {
        const path = `${page}${segment}`;
        const response = await fetch(`${baseURL}${path}`, {
          redirect: "manual",
          headers: cookie ? { cookie } : {},
        });
        const where = `${path.slice(0, 80)} (${cookie ? "signed in" : "signed out"}) -> ${response.status}`;
        expect(response.status, where).toBeLessThan(500);
        expect(response.headers.get("x-content-type-options"), where).toBe("nosniff");
        expect(response.headers.get("x-frame-options"), where).toBe("DENY");
        await response.arrayBuffer();
      }
    }
  }
});

test("another account's folder page answers as a missing one does", async ({ baseURL }) => {
  const owner = await userWithToken(baseURL!);
  const stranger = await userWithToken(baseURL!);
  const created = await fetch(`${baseURL}/api/folders`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Private" }),
  });
  const { folder } = (await created.json()) as { folder: { id: string } };
  const visit = async (id: string, cookie: string) => {
    const response = await fetch(`${baseURL}/files/${id}`, { headers: { cookie }, redirect: "manual" });
    return { status: response.status, text: await response.text() };
  };
  // The page is a shell (the browser asks the API for the folder, which answers 404 to a stranger:
  // the access matrix); what it serves must not tell the two apart, nor show the name.
  expect((await visit(folder.id, owner.cookie)).status).toBe(200);
  const theirs = await visit(folder.id, stranger.cookie);
  const missing = await visit("no-such-folder", stranger.cookie);
  expect(theirs.status).toBe(missing.status);
  expect(theirs.text).not.toContain("Private");
});
