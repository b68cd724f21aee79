// One PUT carrying many small files (the local driver's group upload, issue 24): the body is the
// members' bytes one after another, split by their signed sizes. All or nothing: every member is
// received into its own temp file first, and only when the body held exactly the signed bytes (not
// one more) and the commit check passed are they all synced and renamed into place. A refused
// group leaves no object behind.
import fsp from "node:fs/promises";
import path from "node:path";
import { IntegrityError } from "./errors";
import { assertValidKey } from "./keys";
import { PRIVATE_DIR, PRIVATE_FILE, type LocalLayout } from "./local-fs";
import { moveIntoPlace, receiveInto } from "./local-write";
import { logged } from "./oplog";
import type { ByteSource } from "./types";
import { assertSize } from "./validate";

export interface GroupMember {
  key: string;
  size: number;
}

/**
 * Hands a byte stream out in consecutive slices of exact lengths: `next(n)` is an iterable of the
 * next n bytes (fewer if the stream ends first), `rest()` says whether anything is left after them.
 */
function slicer(body: ByteSource) {
  const chunks = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let carry: Uint8Array | null = null;
  return {
    next(n: number): AsyncIterable<Uint8Array> {
      return {
        async *[Symbol.asyncIterator]() {
          let left = n;
          while (left > 0) {
            let chunk = carry;
            carry = null;
            if (!chunk) {
              const r = await chunks.next();
              if (r.done) return;
              chunk = r.value;
            }
            if (chunk.byteLength > left) {
              carry = chunk.subarray(left);
              chunk = chunk.subarray(0, left);
            }
            left -= chunk.byteLength;
            yield chunk;
          }
        },
      };
    },
    async hasMore(): Promise<boolean> {
      if (carry && carry.byteLength > 0) return true;
      for (;;) {
        const r = await chunks.next();
        if (r.done) return false;
        if (r.value.byteLength > 0) {
          await chunks.return?.().catch(() => {});
          return true;
        }
      }
    },
    stop: () => chunks.return?.().catch(() => {}),
  };
}

/**
 * Stores each member's exact bytes at its key from one body. `commitCheck` is asked once, after
 * the whole body arrived and before anything moves into place (may the keys still be written?).
 */
export async function putGroup(
  layout: LocalLayout,
  members: GroupMember[],
  body: ByteSource,
  commitCheck?: () => Promise<void>,
): Promise<void> {
  for (const m of members) {
    assertValidKey(m.key);
    assertSize(m.size);
  }
  const total = members.reduce((sum, m) => sum + m.size, 0);
  await logged({ op: "writeGroup", driver: "local", key: members[0]?.key, bytes: total }, async () => {
    const source = slicer(body);
    const open: { tmp: string; fh: fsp.FileHandle | null }[] = [];
    try {
      await fsp.mkdir(layout.tmpDir(), { recursive: true, mode: PRIVATE_DIR });
      let offset = 0;
      for (const m of members) {
        const tmp = layout.tmpPath();
        const slot = { tmp, fh: null as fsp.FileHandle | null };
        open.push(slot);
        try {
          slot.fh = await fsp.open(tmp, "wx", PRIVATE_FILE);
        } catch (err) {
          throw layout.fsError(err, { op: "writeGroup", key: m.key });
        }
        try {
          await receiveInto(
            layout,
            slot.fh,
            0,
            source.next(m.size),
            m.size,
            { op: "writeGroup", key: m.key },
            { md5: false },
          );
        } catch (err) {
          // A member cut short: say where in the whole body, which is what the client sent.
          if (err instanceof IntegrityError && err.reason === "too_short")
            throw new IntegrityError(
              `The body ended before the ${total} bytes this link was signed for (after ${offset} bytes of earlier files).`,
              { reason: "too_short" },
            );
          throw err;
        }
        offset += m.size;
      }
      if (await source.hasMore()) throw IntegrityError.wrongLength(total, total + 1);
      // Synced together: the disk can flush them in one go rather than one file at a time.
      await Promise.all(
        open.map(async (slot) => {
          await slot.fh!.sync();
          await slot.fh!.close();
          slot.fh = null;
        }),
      ).catch((err: unknown) => {
        throw layout.fsError(err, { op: "writeGroup", key: members[0]!.key });
      });
      await commitCheck?.();
      const dirs = new Set(members.map((m) => path.dirname(layout.objectPath(m.key))));
      await Promise.all([...dirs].map((dir) => fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR })));
      for (let i = 0; i < members.length; i++) {
        const slot = open[i]!;
        await moveIntoPlace(layout, slot.tmp, layout.objectPath(members[i]!.key), {
          op: "writeGroup",
          key: members[i]!.key,
        });
        slot.tmp = "";
      }
    } catch (err) {
      await source.stop();
      await Promise.all(
        open.map(async (slot) => {
          await slot.fh?.close().catch(() => {});
          if (slot.tmp) await fsp.rm(slot.tmp, { force: true }).catch(() => {});
        }),
      );
      throw err;
    }
  });
}
