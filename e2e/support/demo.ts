// The demo account the README's screenshots show (`npm run screenshots`, e2e/screenshots.spec.ts):
// realistic people, folders and files, made through the app itself (sign-up, the upload panel for
// photos so they get thumbnails, the API for the rest), on the fresh server of that run.
import { expect, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { signUp } from "./auth";
import { fileRow, folderRow } from "./browse";
import { upload } from "./shares";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const DEMO_PASSWORD = "demo demo demo demo";
export const DEMO_OWNER = { name: "Maya Okafor", email: "maya.okafor@example.org", password: DEMO_PASSWORD };
/** Other people on the same server, with some storage used (the admin console shows them). */
const NEIGHBOURS = [
  {
    name: "Daniel Brooks",
    email: "daniel.brooks@example.org",
    files: [["Client pitch deck.pdf", 6_800_000, "application/pdf"]],
  },
  { name: "Priya Raman", email: "priya.raman@example.org", files: [["Thesis draft v7.docx", 2_600_000, DOCX]] },
  {
    name: "Tomás Álvarez",
    email: "tomas.alvarez@example.org",
    files: [["Wedding video (short).mp4", 9_400_000, "video/mp4"]],
  },
] as const;

const bytes = (size: number, seed: number) => {
  const out = Buffer.alloc(size);
  let x = seed || 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x & 255;
  }
  return out;
};

async function folderId(page: Page, name: string, parentId?: string): Promise<string> {
  const made = await page.request.post("/api/folders", { data: { name, ...(parentId ? { parentId } : {}) } });
  expect(made.status()).toBe(201);
  return ((await made.json()) as { folder: { id: string } }).folder.id;
}

const TEXT = (lines: string[]) => Buffer.from(lines.join("\n") + "\n");

/** Simple drawn scenes (sky, sun, land), so the photos look like photos' thumbnails, not test patterns. */
const scene = (sky: [string, string], sun: string, land: string, extra = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#s)"/><circle cx="860" cy="300" r="90" fill="${sun}"/>
    <path d="M0 560 Q300 470 600 540 T1200 520 V800 H0 Z" fill="${land}"/>${extra}</svg>`;
const SCENES = {
  sunset: scene(
    ["#f6a04d", "#7b3f8c"],
    "#ffd56b",
    "#2d2440",
    '<rect y="640" width="1200" height="160" fill="#3b2d5c"/>',
  ),
  tram: scene(
    ["#8ec9f0", "#e8f4fb"],
    "#fff3b0",
    "#c9b79c",
    '<rect x="300" y="420" width="420" height="190" rx="24" fill="#f2c230"/><rect x="330" y="450" width="80" height="70" fill="#4a6a80"/><rect x="430" y="450" width="80" height="70" fill="#4a6a80"/><rect x="530" y="450" width="80" height="70" fill="#4a6a80"/><rect x="300" y="560" width="420" height="20" fill="#b02a2a"/>',
  ),
  beach: scene(["#5fb6e8", "#d5eefa"], "#fff7c2", "#e9d29a", '<rect y="520" width="1200" height="70" fill="#2f8fc2"/>'),
  meadow: scene(
    ["#9ad0f5", "#eaf6ff"],
    "#fff1a8",
    "#5fa04e",
    '<rect x="760" y="420" width="170" height="150" fill="#c0554a"/><path d="M740 430 L845 340 L950 430 Z" fill="#7a2f2a"/>',
  ),
  party: scene(
    ["#3a2f6b", "#b86fa8"],
    "#ffd98a",
    "#5b3a2e",
    '<circle cx="250" cy="200" r="40" fill="#ff6f91"/><circle cx="380" cy="160" r="34" fill="#6fd3ff"/><circle cx="520" cy="220" r="38" fill="#ffe066"/>',
  ),
};
const photo = (svg: string) => sharp(Buffer.from(svg)).png().toBuffer();

/** A one-page PDF that says what it is. */
const QUARTERLY_PDF = (() => {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Length 55 >>\nstream\nBT /F1 28 Tf 60 760 Td (Quarterly plan - Q3 2024) Tj ET\nendstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let text = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, "0")} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text);
})();

/** Signs the demo owner up on `page` and fills the account; answers the ids the shots need. */
export async function seedDemo(page: Page, browser: Browser, baseURL: string) {
  // First, so that on a fresh server the owner is its first account: the admin.
  await signUp(page, DEMO_OWNER);
  for (const [i, person] of NEIGHBOURS.entries()) {
    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    await signUp(other, { ...person, password: DEMO_PASSWORD });
    for (const [name, size, type] of person.files) await upload(other, name, bytes(size, 40 + i), type);
    await context.close();
  }
  const family = await folderId(page, "Family photos");
  await folderId(page, "Lisbon 2024", family);
  const invoices = await folderId(page, "Invoices 2024");
  await folderId(page, "Recipes");
  await folderId(page, "Tax documents");
  for (const [n, size] of [
    [2, 48_213],
    [10, 51_877],
    [1, 47_002],
  ] as const) {
    await upload(page, `Invoice ${n} – Studio Lumen.pdf`, bytes(size, n), "application/pdf", invoices);
  }
  for (const [name, scene] of [
    ["Grandma's 90th.png", SCENES.party],
    ["Beach day.png", SCENES.beach],
    ["First day of school.png", SCENES.meadow],
  ] as const) {
    await upload(page, name, await photo(scene), "image/png", family);
  }
  await upload(
    page,
    "Meeting notes 2024-09-12.txt",
    TEXT(["Q3 planning", "- launch date: 14 October", "- budget review with Priya", "- hire a second designer"]),
    "text/plain",
  );
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September"];
  await upload(
    page,
    "Budget 2025.csv",
    TEXT([
      "month,income,rent,food,transport,savings",
      ...months.map((m, i) => `${m},4200,1350,${600 + i * 7},140,900`),
    ]),
    "text/csv",
  );
  await upload(page, "Podcast – episode 12.mp3", bytes(3_412_000, 12), "audio/mpeg");
  await upload(page, "README.md", TEXT(["# Shared drive", "Photos go in Family photos."]), "text/markdown");
  const draft = await upload(page, "Cover letter (old draft).docx", bytes(38_400, 7), DOCX);
  const oldScan = await upload(page, "Passport scan 2019.pdf", bytes(412_000, 9), "application/pdf");

  // Photos: the server's media queue makes their thumbnails, as it does for any upload.
  await upload(page, "Tram 28, Alfama.png", await photo(SCENES.tram), "image/png");
  await upload(page, "Sunset at Cabo da Roca.png", await photo(SCENES.sunset), "image/png");
  await upload(page, "Quarterly plan Q3.pdf", QUARTERLY_PDF, "application/pdf");
  await page.goto("/files");
  await expect(folderRow(page, "Family photos")).toBeVisible();
  await expect(fileRow(page, "Tram 28, Alfama.png")).toBeVisible();

  for (const id of [draft.id, oldScan.id]) expect((await page.request.delete(`/api/files/${id}`)).status()).toBe(204);
  return { family };
}
