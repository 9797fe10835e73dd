import type { BitColumns } from './bitColumns';
import { LcsKernel } from './lcsKernel';

/**
 * ROUGE-Lsum needs more than LCS lengths: it needs the very subsequence rouge-score's `_backtrack_norec` reads
 * out, since the union over candidate lines and the clipping by token counts depend on which reference
 * positions are chosen. At a mismatch that backtrack moves left iff t[i][j-1] > t[i-1][j], which holds exactly
 * when row i is flat at column j (bit j-1 of V_i is 1) and the table rises from row i-1 to row i at column j.
 * That vertical rise is the carry into bit j of the addition V_{i-1} + U_i (checked case by case against the
 * DP recurrence: the carry plays the role of the left neighbour's vertical difference).
 *
 * The flatness need not be stored: at a mismatch t[i][j] = max(t[i][j-1], t[i-1][j]), so a rise from row i-1
 * forces t[i][j] = t[i][j-1]. The backtrack thus moves left exactly at mismatches with a rise, and keeping
 * each row's stops `match | ~rises` (bit b of rises: the carry into bit b + 1) answers every step with one
 * bit scan: the next stop (a match: go diagonally; anything else: go up) is the highest set bit at or below
 * the current column.
 *
 * One reference line is traced at a time against all candidate lines (the guarded segments of a BitColumns
 * layout, see bitColumns.ts). The backtracks of all segments then share one sweep up its rows: a row whose
 * token a segment lacks leaves that segment unchanged and its path goes straight up, so each row only steps
 * the active segments holding its token. A segment's path has left the table when its scan reaches the guard
 * below it (which never matches, and, always 0 in V, absorbs any carry, so nothing rises above it).
 *
 * Both inner loops run in WebAssembly (lcsKernel.ts); this class walks the rows.
 */
export class LineTrace {
  private readonly kernel = new LcsKernel();

  /**
   * Starts a pair, for the columns just loaded and a reference of `referenceLength` tokens in lines of at
   * most `maxLineRows`: the whole-text row vector at all ones, no marks.
   */
  begin(columns: BitColumns, maxLineRows: number, referenceLength: number): void {
    this.kernel.load(columns, maxLineRows, referenceLength);
  }

  /**
   * LCS length of the whole texts once every reference line has been traced. Every bit counts as a column:
   * guards and spare bits are columns no token matches, which do not change an LCS.
   */
  wholeLcs(): number {
    return this.kernel.wholeZeros();
  }

  /** Marks set so far, as `marks()[marksFrom() + p]` for reference token p (valid until the next `begin`). */
  marks(): Uint8Array {
    return this.kernel.bytes;
  }

  marksFrom(): number {
    return 4 * this.kernel.marksAt;
  }

  /**
   * Runs `rows[from..to)` (one reference line) against all segments of `columns`, keeping every row's stops,
   * then follows every segment's backtrack and marks the reference tokens of `rows[from..to)` on the LCS of
   * at least one segment (their union).
   *
   * The same pass also advances the row vector of the LCS of the whole texts (ROUGE-L), which runs over the
   * same rows in the same order without being reset between lines. To it a guard bit is just one more
   * column, matched by no token, so it leaves that LCS unchanged: the same layout, masks and pass serve both.
   */
  markLine(columns: BitColumns, rows: Int32Array, from: number, to: number): void {
    const rowCount = to - from;
    const kernel = this.kernel;
    kernel.startLine(columns, rowCount);
    const view = kernel.view;
    const { slotOf, firstWord, lastWord } = columns;
    let record = kernel.rowsAt + 3;
    let used = kernel.traceAt;
    for (let i = from; i < to; i++, record += 3) {
      const slot = slotOf[rows[i]!]!;
      view[record] = slot;
      // A token absent from the columns leaves both rows unchanged; no backtrack ever stops on it.
      if (slot < 0) continue;
      // Only the words spanning the segments holding this token can change (guards stop every carry).
      const first = firstWord[slot]! & ~1;
      view[record + 1] = used - first;
      view[record + 2] = first;
      used += kernel.traceRow(columns, slot, first, lastWord[slot]!, used);
    }
    kernel.markLine(columns, rowCount, from);
  }
}
