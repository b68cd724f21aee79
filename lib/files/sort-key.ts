// The key file and folder names sort by (the `sortName` column): names as people read them, compared
// byte by byte by the database (SQLite's BINARY, PostgreSQL's "C" collation), so an index on
// (owner, folder, sortName, id) serves every page of a listing by name without a sort.
//   - case-insensitive: "README.md" sorts among the r's, after "big.bin";
//   - accents folded: NFKD, then combining marks dropped ("Äpfel" beside "apfel", "ﬁle" as "file");
//   - natural numbers: each run of digits becomes its length and then its digits (leading zeros
//     dropped), so "file2" < "file10": a longer number is a bigger one, and equal lengths compare
//     digit by digit. The length takes three digits: names have at most 255 characters.
// Pure and shared: the database client computes it on every write of a name (lib/db/sort-names.ts)
// and the migration that added the column filled existing rows with it (lib/db/sort-name-backfill.ts).

function numberKey(digits: string): string {
  const significant = digits.replace(/^0+(?=\d)/, "");
  return String(significant.length).padStart(3, "0") + significant;
}

/** The sort key of a file or folder name. */
export function nameSortKey(name: string): string {
  // Lower case first: a few capitals lower to a letter plus a mark ("İ" to "i̇"), dropped next.
  return name.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/\d+/g, numberKey);
}
