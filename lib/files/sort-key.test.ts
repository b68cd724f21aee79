// The name sort key against a plain natural comparison written the obvious way (split into runs of
// digits and of other characters, numbers compared as numbers): the byte order of the keys, which
// is what the database compares, must agree with it on any name.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameSortKey } from "./sort-key";

const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);
/** What the databases compare: SQLite's BINARY and PostgreSQL's "C" collation order UTF-8 bytes, i.e. code points. */
const byteOrder = (a: string, b: string) => sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));

/**
 * Natural order of lower-case names over letters, digits and "_" (all of which sort after the
 * digits): runs of digits compare by value, other runs character by character.
 */
function naturalOrder(a: string, b: string): number {
  const runs = (s: string) => s.toLowerCase().match(/\d+|\D+/g) ?? [];
  const [x, y] = [runs(a), runs(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    const [pNumber, qNumber] = [/\d/.test(p), /\d/.test(q)];
    if (pNumber && qNumber) {
      const [m, n] = [BigInt(p), BigInt(q)];
      if (m !== n) return m < n ? -1 : 1;
    } else if (pNumber !== qNumber) {
      return pNumber ? -1 : 1;
    } else if (p !== q) {
      // A text run that is a prefix of the other is followed by digits or by the end: both come first.
      if (q.startsWith(p)) return -1;
      if (p.startsWith(q)) return 1;
      return p < q ? -1 : 1;
    }
  }
  return sign(x.length - y.length);
}

const run = fc.oneof(fc.stringMatching(/^[a-zA-Z_]{1,4}$/), fc.stringMatching(/^[0-9]{1,30}$/));
const name = fc.array(run, { minLength: 1, maxLength: 6 }).map((runs) => runs.join(""));

describe("nameSortKey", () => {
  it("orders names as the natural comparison does (case-insensitive, numbers by value)", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(byteOrder(nameSortKey(a), nameSortKey(b))).toBe(naturalOrder(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it("ignores case and accents, and reads other forms of a character as the plain one", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9 ._-]{0,20}$/), (plain) => {
        expect(nameSortKey(plain.toUpperCase())).toBe(nameSortKey(plain));
      }),
    );
    expect(nameSortKey("Äpfel.txt")).toBe(nameSortKey("apfel.txt"));
    expect(nameSortKey("Crème Brûlée")).toBe(nameSortKey("creme brulee"));
    expect(nameSortKey("ﬁle２")).toBe(nameSortKey("file2")); // a ligature and a full-width digit
    expect(nameSortKey("İstanbul")).toBe(nameSortKey("istanbul"));
  });

  it("sorts the names of the issue as people read them", () => {
    const names = ["file10.txt", "README.md", "file2.txt", "big.bin", "Éclair.jpg", "file1.txt", "apple", "Zebra"];
    const sorted = [...names].sort((a, b) => byteOrder(nameSortKey(a), nameSortKey(b)));
    expect(sorted).toEqual([
      "apple",
      "big.bin",
      "Éclair.jpg",
      "file1.txt",
      "file2.txt",
      "file10.txt",
      "README.md",
      "Zebra",
    ]);
  });

  it("keeps numbers of any length a name can hold in order, leading zeros aside", () => {
    const big = "9".repeat(99);
    expect(byteOrder(nameSortKey(`n${big}`), nameSortKey(`n1${"0".repeat(99)}`))).toBe(-1);
    expect(byteOrder(nameSortKey(`n${"9".repeat(200)}`), nameSortKey(`n1${"0".repeat(200)}`))).toBe(-1);
    expect(byteOrder(nameSortKey("n007"), nameSortKey("n8"))).toBe(-1);
  });
});
