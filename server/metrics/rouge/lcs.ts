import type { BitColumns } from './bitColumns';

/**
 * Longest common subsequence over token ids, bit-parallel (Allison & Dix 1986; Hyyrö 2004): the columns are
 * bits of 32-bit words and each row token advances the whole DP row with a few word operations,
 * V' = (V + U) | (V - U) where U = V & match(token); about n*m/32 word operations instead of rouge-score's
 * n*m table cells.
 *
 * Bit j of row vector V_i is 0 exactly where the table rises between columns j and j+1
 * (t[i][j+1] = t[i][j] + 1), so t[i][n] is the number of zero bits.
 *
 * ROUGE-Lsum needs more than the length: it needs the very subsequence rouge-score's `_backtrack_norec` reads
 * out, since the union over candidate lines and the clipping by token counts depend on which reference
 * positions are chosen. At a mismatch that backtrack moves left iff t[i][j-1] > t[i-1][j], which holds exactly
 * when row i is flat at column j (bit j-1 of V_i is 1) and the table rises from row i-1 to row i at column j.
 * That vertical rise is the carry into bit j of the addition V_{i-1} + U_i (checked case by case against the
 * DP recurrence: the carry plays the role of the left neighbour's vertical difference). Keeping each row's
 * vector and its carries therefore answers every backtrack step with two bit reads.
 */

/**
 * Carry out of bit 31 of the 32-bit addition x + u + carry-in that produced `sum`: the majority of the top
 * bits of x, u and the carry into bit 31. Integer-only and branch-free; carries are data-dependent, so a
 * compare-and-branch on a double sum mispredicts often.
 */
function carryOut(x: number, u: number, sum: number): number {
  return ((x & u) | ((x | u) & ~sum)) >>> 31;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export class BitParallelLcs {
  private row = new Int32Array(8);
  /**
   * Traced rows: for each row whose token is in the columns, V_i then the carries of V_{i-1} + U_i, over the
   * words that token can change (its `firstWord..lastWord`).
   */
  private trace = new Int32Array(1024);
  /**
   * Row i (1-based) keeps V word w at traceOffset[i] + w and carry word w at traceOffset[i] + traceWords[i] + w,
   * for traceFirstWord[i] <= w < traceFirstWord[i] + traceWords[i].
   */
  private traceOffset = new Int32Array(64);
  private traceWords = new Int32Array(64);
  private traceFirstWord = new Int32Array(64);
  /** Mask row (slot) of each traced row's token, or -1. */
  private rowSlot = new Int32Array(64);
  /**
   * For each segment, a bit per traced row whose token occurs in it (`memberWords` words per segment), so a
   * backtrack can jump over the rows that cannot touch its segment. A segment's bits are cleared the first
   * time the current trace uses it (`memberStamp`).
   */
  private memberRows = new Int32Array(64);
  private memberWords = 0;
  private memberStamp = new Int32Array(8);
  private traceId = 0;

  /** LCS length of `rows[from..to)` against the single, unguarded segment loaded in `columns`. */
  length(columns: BitColumns, rows: Int32Array, from: number, to: number): number {
    const words = columns.words;
    if (this.row.length < words) this.row = new Int32Array(words * 2);
    const v = this.row;
    const masks = columns.masks;
    const slotOf = columns.slotOf;
    const firstWord = columns.firstWord;
    const lastWord = columns.lastWord;
    v.set(columns.initial.subarray(0, words));
    for (let i = from; i < to; i++) {
      const slot = slotOf[rows[i]!]!;
      // A token absent from the columns leaves the row unchanged.
      if (slot < 0) continue;
      const base = slot * words;
      const last = lastWord[slot]!;
      let carry = 0;
      // Below the token's first column nothing changes: U = 0 there and no carry comes from below.
      let w = firstWord[slot]!;
      for (; w <= last; w++) {
        const x = v[w]!;
        const u = x & masks[base + w]!;
        const sum = (x + u + carry) | 0;
        carry = carryOut(x, u, sum);
        v[w] = sum | (x ^ u);
      }
      // Above its last column U = 0, and a carry runs on only through ones.
      for (; carry !== 0 && w < words; w++) {
        const x = v[w]!;
        const sum = (x + 1) | 0;
        carry = (x & ~sum) >>> 31;
        v[w] = sum | x;
      }
    }
    return zerosBelow(v, columns.segmentLength[0]!);
  }

  /** Runs `rows[from..to)` against all segments of `columns`, keeping every row for `markSegmentLcs`. */
  traceRows(columns: BitColumns, rows: Int32Array, from: number, to: number): void {
    const words = columns.words;
    const rowCount = to - from;
    if (this.row.length < words) this.row = new Int32Array(words * 2);
    if (this.traceOffset.length <= rowCount) {
      this.traceOffset = new Int32Array((rowCount + 1) * 2);
      this.rowSlot = new Int32Array((rowCount + 1) * 2);
      this.traceWords = new Int32Array((rowCount + 1) * 2);
      this.traceFirstWord = new Int32Array((rowCount + 1) * 2);
    }
    const v = this.row;
    const masks = columns.masks;
    const keep = columns.keep;
    const slotOf = columns.slotOf;
    const offsets = this.traceOffset;
    v.set(columns.initial.subarray(0, words));
    let used = 0;
    const rowSlot = this.rowSlot;
    this.prepareMembers(columns, rowCount);
    const firstWord = columns.firstWord;
    const lastWord = columns.lastWord;
    for (let i = 0; i < rowCount; i++) {
      const slot = slotOf[rows[from + i]!]!;
      rowSlot[i] = slot;
      // A token absent from the columns leaves the row unchanged; no backtrack ever stops on it.
      if (slot < 0) continue;
      this.addMember(columns, slot, i);
      // Only the words spanning the segments holding this token can change (guards stop every carry).
      const first = firstWord[slot]!;
      const count = lastWord[slot]! - first + 1;
      if (this.trace.length < used + 2 * count) this.trace = growInt32(this.trace, used + 2 * count);
      const trace = this.trace;
      const base = slot * words;
      const at = used - first;
      let carry = 0;
      for (let w = first; w < first + count; w++) {
        const x = v[w]!;
        const u = x & masks[base + w]!;
        const sum = (x + u + carry) | 0;
        carry = carryOut(x, u, sum);
        const next = (sum | (x ^ u)) & keep[w]!;
        v[w] = next;
        trace[at + w] = next;
        // Bit by bit, sum = x + u + carry-in, so the carries into each bit are sum ^ x ^ u.
        trace[at + count + w] = sum ^ x ^ u;
      }
      offsets[i + 1] = at;
      this.traceWords[i + 1] = count;
      this.traceFirstWord[i + 1] = first;
      used += 2 * count;
    }
  }

  private prepareMembers(columns: BitColumns, rowCount: number): void {
    if (++this.traceId === 0x7fffffff) {
      this.memberStamp.fill(0);
      this.traceId = 1;
    }
    this.memberWords = (rowCount >>> 5) + 1;
    const size = columns.segmentCount * this.memberWords;
    if (this.memberRows.length < size) this.memberRows = new Int32Array(size * 2);
    if (this.memberStamp.length < columns.segmentCount) this.memberStamp = new Int32Array(columns.segmentCount * 2);
  }

  /** Records row `row` (0-based) as a member of every segment holding its token. */
  private addMember(columns: BitColumns, slot: number, row: number): void {
    const segmentWords = columns.segmentWords;
    for (let sw = 0; sw < segmentWords; sw++) {
      let bits = columns.segmentsOfSlot[slot * segmentWords + sw]!;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const segment = (sw << 5) + 31 - Math.clz32(low);
        const at = segment * this.memberWords;
        if (this.memberStamp[segment] !== this.traceId) {
          this.memberStamp[segment] = this.traceId;
          this.memberRows.fill(0, at, at + this.memberWords);
        }
        this.memberRows[at + (row >>> 5)] = this.memberRows[at + (row >>> 5)]! | (1 << (row & 31));
      }
    }
  }

  /**
   * After `traceRows` with the same rows: follows rouge-score's backtrack for segment `segment` and sets
   * `marks[markFrom + i]` for every row position i on that LCS.
   *
   * Along a row the backtrack moves left while the cell is a mismatch that is flat with a rise above, so the
   * next stop (a match: go diagonally; anything else: go up) is the highest set bit at or below the current
   * column of `match | ~(flat & rises)`, found a word at a time. Rows whose token is absent from the segment
   * are passed straight up.
   */
  markSegmentLcs(columns: BitColumns, rows: Int32Array, from: number, to: number, segment: number, marks: Uint8Array, markFrom: number): void {
    const words = columns.words;
    const masks = columns.masks;
    const members = this.memberRows;
    const membersAt = segment * this.memberWords;
    const offset = columns.segmentOffset[segment]!;
    const trace = this.trace;
    const offsets = this.traceOffset;
    const rowSlot = this.rowSlot;
    let i = to - from;
    let j = columns.segmentLength[segment]!;
    while (i > 0 && j > 0) {
      // Rows whose token is absent from this segment leave it unchanged: the path goes straight up past them.
      i = highestSetBitUpTo(members, membersAt, i - 1) + 1;
      if (i === 0) break;
      const slot = rowSlot[i - 1]!;
      const at = offsets[i]!;
      const carriesAt = at + this.traceWords[i]!;
      const firstStored = this.traceFirstWord[i]!;
      const maskBase = slot * words;
      let p = offset + j - 1;
      let stop = -1;
      for (;;) {
        const w = p >>> 5;
        // Below the row's stored words it changed nothing: no rise and no match, so the path goes up here.
        if (w < firstStored) {
          stop = p;
          break;
        }
        const flat = trace[at + w]!;
        // Bit b of `rises` tells whether the column above bit b+1 rises: the carry into bit b+1.
        // The next word only supplies bit 31, which is kept only when p is bit 31; then bit p+1 is in this
        // segment (or its guard), inside the row's stored range.
        const rises = (trace[carriesAt + w]! >>> 1) | ((p & 31) === 31 ? trace[carriesAt + w + 1]! << 31 : 0);
        const match = masks[maskBase + w]!;
        const stops = (match | ~(flat & rises)) & ((2 << (p & 31)) - 1);
        if (stops !== 0) {
          stop = (w << 5) + 31 - Math.clz32(stops);
          break;
        }
        p = (w << 5) - 1;
        if (p < offset) break;
      }
      if (stop < offset) break;
      j = stop - offset + 1;
      if (((masks[maskBase + (stop >>> 5)]! >>> (stop & 31)) & 1) !== 0) {
        marks[markFrom + i - 1] = 1;
        j--;
      }
      i--;
    }
  }
}

/** Index of the highest set bit at or below `bit` in the bitset at `words[from..]`, or -1. */
function highestSetBitUpTo(words: Int32Array, from: number, bit: number): number {
  let w = bit >>> 5;
  let m = words[from + w]! & ((2 << (bit & 31)) - 1);
  while (m === 0) {
    if (--w < 0) return -1;
    m = words[from + w]!;
  }
  return (w << 5) + 31 - Math.clz32(m);
}

/** Number of zero bits among the first `n` bits of `v`. */
function zerosBelow(v: Int32Array, n: number): number {
  let ones = 0;
  const full = n >>> 5;
  for (let w = 0; w < full; w++) ones += popcount32(v[w]!);
  const rest = n & 31;
  if (rest > 0) ones += popcount32(v[full]! & ((1 << rest) - 1));
  return n - ones;
}

function growInt32(a: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, a.length * 2));
  bigger.set(a);
  return bigger;
}
