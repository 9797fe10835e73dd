import type { BitColumns } from './bitColumns';
import { LcsKernel } from './lcsKernel';

/**
 * Longest common subsequence over token ids, bit-parallel (Allison & Dix 1986; Hyyrö 2004): the columns are
 * bits of 32-bit words and each row token advances the whole DP row with a few word operations,
 * V' = (V + U) | (V - U) where U = V & match(token); about n*m/32 word operations instead of rouge-score's
 * n*m table cells.
 *
 * Bit j of row vector V_i is 0 exactly where the table rises between columns j and j+1
 * (t[i][j+1] = t[i][j] + 1), so t[i][n] is the number of zero bits.
 *
 * The row updates run in WebAssembly over 64-bit words (lcsKernel.ts). ROUGE-Lsum also needs the subsequence
 * itself; see lineTrace.ts.
 */

export class BitParallelLcs {
  private readonly kernel = new LcsKernel();

  /** LCS length of `rows[from..to)` against the single, unguarded segment loaded in `columns`. */
  length(columns: BitColumns, rows: Int32Array, from: number, to: number): number {
    return this.kernel.length(columns, rows, from, to);
  }
}
