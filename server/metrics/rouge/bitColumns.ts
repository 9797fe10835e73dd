import { growInt32 } from './bitWords';

/**
 * One or more token sequences laid out as bit columns for the bit-parallel LCS (see lcs.ts): a match mask per
 * distinct token (bit p set where column p holds that token), built once and reused for every row sequence
 * compared against these columns.
 *
 * Several segments (the candidate's lines, for ROUGE-Lsum) can share one layout, each followed by a guard bit.
 * Guard bits never match and are forced to 0 in the row vector after every row; a 0 bit absorbs the carry of
 * V + U (0 + 0 + carry leaves no carry out), so no segment's computation leaks into the next and one pass over
 * a row sequence computes the LCS table of every segment at once.
 *
 * Token ids must be dense (below the reserved alphabet size) so masks are found through a plain array.
 *
 * Only tokens that some row will look up need a mask: given the row text's token counts, the others get none
 * (their columns still take their bits, so positions and the LCS are unchanged). Fewer masks, less to clear
 * and a smaller working set.
 */
export class BitColumns {
  /**
   * Words per row vector: all columns and guards, plus at least one spare bit above the last, rounded up to
   * an even count so that the rows are also whole 64-bit words (see lcsKernel.ts).
   */
  words = 0;
  /** Row vector before any row: ones on columns, zeros on guards. */
  initial = new Int32Array(8);
  /** Complement of the guard bits (all ones when there is a single unguarded segment). */
  keep = new Int32Array(8);
  masks = new Int32Array(64);
  /** Mask row of each token present in the columns, or -1. All -1 except for the loaded tokens. */
  slotOf = new Int32Array(0);
  /**
   * Word range each mask row can change: from the word of its first column to the word of its last column, or
   * of the guard closing the last segment it occurs in. Outside it the token's row update is a no-op (U = 0 and
   * no carry arrives), so passes can skip those words.
   */
  firstWord = new Int32Array(64);
  lastWord = new Int32Array(64);
  /** For each mask row, one bit per segment: does the token occur in that segment? */
  segmentsOfSlot = new Int32Array(64);
  segmentWords = 1;
  /** Bit position of each segment's first column. */
  segmentOffset = new Int32Array(8);
  segmentLength = new Int32Array(8);
  segmentCount = 0;
  /** Where each segment starts in the token ids laid out. */
  private segmentFrom = new Int32Array(8);
  private guarded = false;

  private tokens = new Int32Array(64);
  private tokenCount = 0;
  private rowCounts: Int32Array | null = null;

  /** Makes room for token ids below `alphabetSize`; unloads the current columns. */
  reserveAlphabet(alphabetSize: number): void {
    this.unload();
    if (this.slotOf.length < alphabetSize) this.slotOf = new Int32Array(Math.max(alphabetSize, this.slotOf.length * 2)).fill(-1);
  }

  /**
   * Lays out `ids[from..to)` as one segment without guard. With `rowCounts`, only tokens counted there get
   * masks.
   */
  loadSingle(ids: Int32Array, from: number, to: number, rowCounts: Int32Array | null = null): void {
    this.unload();
    this.rowCounts = rowCounts;
    this.guarded = false;
    this.prepareSegments(1);
    this.segmentFrom[0] = from;
    this.segmentLength[0] = to - from;
    this.layOut(ids, to - from + 1);
  }

  /**
   * Lays out segments `[ends[k-1] .. ends[k])` of `ids` (ends[-1] = 0), each followed by a guard bit. With
   * `rowCounts`, only tokens counted there get masks.
   */
  loadSegments(ids: Int32Array, ends: Int32Array, count: number, rowCounts: Int32Array | null = null): void {
    this.unload();
    this.rowCounts = rowCounts;
    this.guarded = true;
    this.prepareSegments(count);
    let bits = 0;
    let from = 0;
    for (let k = 0; k < count; k++) {
      const to = ends[k]!;
      this.segmentFrom[k] = from;
      this.segmentLength[k] = to - from;
      bits += to - from + 1;
      from = to;
    }
    this.layOut(ids, bits);
  }

  /** Number of mask rows (tokens given a mask). */
  get slotCount(): number {
    return this.tokenCount;
  }

  private prepareSegments(count: number): void {
    if (this.segmentOffset.length < count) {
      this.segmentOffset = new Int32Array(count * 2);
      this.segmentLength = new Int32Array(count * 2);
      this.segmentFrom = new Int32Array(count * 2);
    }
    this.segmentCount = count;
    this.segmentWords = (count + 31) >>> 5;
  }

  /** Fills masks, guard and initial vectors for `bits` bit positions (columns plus guards). */
  private layOut(ids: Int32Array, bits: number): void {
    const words = ((bits >>> 5) + 2) & ~1;
    this.words = words;
    if (this.initial.length < words) {
      this.initial = new Int32Array(words * 2);
      this.keep = new Int32Array(words * 2);
    }
    this.initial.fill(-1, 0, words);
    this.keep.fill(-1, 0, words);
    this.assignSlots(ids);
    let p = 0;
    for (let k = 0; k < this.segmentCount; k++) {
      this.segmentOffset[k] = p;
      const from = this.segmentFrom[k]!;
      const length = this.segmentLength[k]!;
      const segmentAt = k >>> 5;
      const segmentBit = 1 << (k & 31);
      const guardWord = (p + length) >>> 5;
      for (let q = 0; q < length; q++, p++) {
        const slot = this.slotOf[ids[from + q]!]!;
        if (slot < 0) continue;
        const word = p >>> 5;
        const at = slot * words + word;
        this.masks[at] = this.masks[at]! | (1 << (p & 31));
        const s = slot * this.segmentWords + segmentAt;
        this.segmentsOfSlot[s] = this.segmentsOfSlot[s]! | segmentBit;
        if (word < this.firstWord[slot]!) this.firstWord[slot] = word;
        const last = this.guarded ? guardWord : word;
        if (last > this.lastWord[slot]!) this.lastWord[slot] = last;
      }
      if (this.guarded) {
        const guard = ~(1 << (p & 31));
        this.initial[p >>> 5] = this.initial[p >>> 5]! & guard;
        this.keep[p >>> 5] = this.keep[p >>> 5]! & guard;
        p++;
      }
    }
  }

  /** Gives each distinct token of the segments that rows look up a mask row, all rows zeroed. */
  private assignSlots(ids: Int32Array): void {
    for (let k = 0; k < this.segmentCount; k++) {
      const from = this.segmentFrom[k]!;
      const to = from + this.segmentLength[k]!;
      for (let q = from; q < to; q++) {
        const token = ids[q]!;
        if (this.slotOf[token]! >= 0 || (this.rowCounts !== null && this.rowCounts[token] === 0)) continue;
        if (this.tokens.length === this.tokenCount) this.tokens = growInt32(this.tokens, this.tokenCount + 1);
        this.slotOf[token] = this.tokenCount;
        this.tokens[this.tokenCount++] = token;
      }
    }
    const maskWords = this.tokenCount * this.words;
    if (this.masks.length < maskWords) this.masks = new Int32Array(maskWords * 2);
    this.masks.fill(0, 0, maskWords);
    const segmentWords = this.tokenCount * this.segmentWords;
    if (this.segmentsOfSlot.length < segmentWords) this.segmentsOfSlot = new Int32Array(segmentWords * 2);
    this.segmentsOfSlot.fill(0, 0, segmentWords);
    if (this.firstWord.length < this.tokenCount) {
      this.firstWord = new Int32Array(this.tokenCount * 2);
      this.lastWord = new Int32Array(this.tokenCount * 2);
    }
    this.firstWord.fill(this.words, 0, this.tokenCount);
    this.lastWord.fill(-1, 0, this.tokenCount);
  }

  private unload(): void {
    for (let k = 0; k < this.tokenCount; k++) this.slotOf[this.tokens[k]!] = -1;
    this.tokenCount = 0;
  }
}
