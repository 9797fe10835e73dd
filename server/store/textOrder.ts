/**
 * Code point order, which is SQLite's for text (UTF-8 bytes, BINARY collation), so that rows SQLite orders
 * and objects ordered here come out the same. JavaScript's `<` compares UTF-16 units, which puts
 * U+E000-U+FFFF after the surrogates that encode characters beyond U+FFFF; moving the surrogates above
 * U+FFFF (and the units above them down) restores code point order without encoding either string.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}
