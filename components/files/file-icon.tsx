import {
  File,
  FileArchive,
  FileAudio,
  FileCode,
  FileImage,
  FileSpreadsheet,
  FileText,
  FileVideo,
  Presentation,
  type LucideIcon,
} from "lucide-react";

type Kind = "image" | "video" | "audio" | "archive" | "code" | "spreadsheet" | "presentation" | "text" | "other";

const EXTENSIONS: Record<string, Kind> = {
  jpg: "image",
  jpeg: "image",
  png: "image",
  gif: "image",
  webp: "image",
  avif: "image",
  heic: "image",
  svg: "image",
  bmp: "image",
  tif: "image",
  tiff: "image",
  mp4: "video",
  mov: "video",
  mkv: "video",
  webm: "video",
  avi: "video",
  m4v: "video",
  mp3: "audio",
  wav: "audio",
  flac: "audio",
  ogg: "audio",
  m4a: "audio",
  aac: "audio",
  opus: "audio",
  zip: "archive",
  gz: "archive",
  tgz: "archive",
  tar: "archive",
  "7z": "archive",
  rar: "archive",
  bz2: "archive",
  xz: "archive",
  zst: "archive",
  iso: "archive",
  dmg: "archive",
  js: "code",
  ts: "code",
  tsx: "code",
  jsx: "code",
  py: "code",
  rb: "code",
  go: "code",
  rs: "code",
  java: "code",
  c: "code",
  cpp: "code",
  h: "code",
  sh: "code",
  json: "code",
  yaml: "code",
  yml: "code",
  toml: "code",
  html: "code",
  css: "code",
  xml: "code",
  sql: "code",
  csv: "spreadsheet",
  tsv: "spreadsheet",
  xls: "spreadsheet",
  xlsx: "spreadsheet",
  ods: "spreadsheet",
  numbers: "spreadsheet",
  ppt: "presentation",
  pptx: "presentation",
  odp: "presentation",
  key: "presentation",
  txt: "text",
  md: "text",
  pdf: "text",
  doc: "text",
  docx: "text",
  odt: "text",
  rtf: "text",
  pages: "text",
  epub: "text",
};

/** A coarse kind of file from its MIME type, else its extension. */
export function fileKind(type: string, name: string): Kind {
  const mime = type.toLowerCase();
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("video/")) return "video";
  if (mime.startsWith("audio/")) return "audio";
  if (/zip|tar|gzip|compressed|x-7z|rar/.test(mime)) return "archive";
  if (/spreadsheet|excel|csv/.test(mime)) return "spreadsheet";
  if (/presentation|powerpoint/.test(mime)) return "presentation";
  if (/json|javascript|typescript|x-sh|x-python|html|css|xml|yaml/.test(mime)) return "code";
  if (mime.startsWith("text/") || mime === "application/pdf" || /wordprocessing|msword|opendocument\.text/.test(mime))
    return "text";
  const dot = name.lastIndexOf(".");
  return (dot > 0 && EXTENSIONS[name.slice(dot + 1).toLowerCase()]) || "other";
}

const ICONS: Record<Kind, { icon: LucideIcon; color: string }> = {
  image: { icon: FileImage, color: "text-sky-600 dark:text-sky-400" },
  video: { icon: FileVideo, color: "text-violet-600 dark:text-violet-400" },
  audio: { icon: FileAudio, color: "text-pink-600 dark:text-pink-400" },
  archive: { icon: FileArchive, color: "text-amber-600 dark:text-amber-400" },
  code: { icon: FileCode, color: "text-teal-600 dark:text-teal-400" },
  spreadsheet: { icon: FileSpreadsheet, color: "text-emerald-600 dark:text-emerald-400" },
  presentation: { icon: Presentation, color: "text-orange-600 dark:text-orange-400" },
  text: { icon: FileText, color: "text-indigo-600 dark:text-indigo-400" },
  other: { icon: File, color: "text-zinc-500 dark:text-zinc-400" },
};

/** A decorative icon for a file's type. */
export function FileIcon({ type, name, className = "size-5" }: { type: string; name: string; className?: string }) {
  const { icon: Icon, color } = ICONS[fileKind(type, name)];
  return <Icon className={`shrink-0 ${color} ${className}`} aria-hidden />;
}
