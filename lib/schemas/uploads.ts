// Uploads: request schemas shared by the services and the browser's upload engine.
import { z } from "zod";
import { itemName } from "./files";

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\s*;.*)?$/i;

export const createUploadInput = z.object({
  name: itemName,
  size: z
    .number({ message: "size must be a number of bytes." })
    .int({ message: "size must be a whole number of bytes." })
    .nonnegative({ message: "size cannot be negative." }),
  type: z
    .string()
    .trim()
    .default("")
    .transform((t) => (t === "" ? "application/octet-stream" : t.toLowerCase()))
    .refine((t) => MIME.test(t) && t.length <= 255, { message: "type must be a MIME type such as text/plain." }),
  folderId: z.string().min(1).nullish(),
});
export type CreateUploadInput = z.infer<typeof createUploadInput>;

export const MAX_PARTS_PER_REQUEST = 100;

export const signPartsInput = z.object({
  partNumbers: z
    .array(z.number().int().positive())
    .min(1, { message: "partNumbers needs at least one part number." })
    .max(MAX_PARTS_PER_REQUEST, { message: `Ask for at most ${MAX_PARTS_PER_REQUEST} parts at a time.` }),
});

export const completeInput = z.object({
  parts: z
    .array(z.object({ partNumber: z.number().int().positive(), etag: z.string().trim().min(1).max(200) }))
    .max(10_000)
    .optional(),
});
