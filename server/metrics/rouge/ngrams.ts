/**
 * N-gram overlap for ROUGE-1 and ROUGE-2 over dense token ids: the clipped count of shared n-grams
 * (sum over n-grams of min(count in reference, count in candidate)), as rouge-score's `_score_ngrams`.
 */

/** Adds one to `counts[id]` for each token. `counts` must be zero over the ids used. */
export function countTokens(ids: Int32Array, length: number, counts: Int32Array): void {
  for (let i = 0; i < length; i++) {
    const id = ids[i]!;
    counts[id] = counts[id]! + 1;
  }
}

export function clippedUnigramOverlap(referenceCounts: Int32Array, candidateCounts: Int32Array, alphabetSize: number): number {
  let overlap = 0;
  for (let t = 0; t < alphabetSize; t++) overlap += Math.min(referenceCounts[t]!, candidateCounts[t]!);
  return overlap;
}

const EMPTY = -1;

/** Counts bigrams of both texts in one open-addressing table keyed by the pair of ids, reused across calls. */
export class BigramCounter {
  private firsts = new Int32Array(1024).fill(EMPTY);
  private seconds = new Int32Array(1024);
  private referenceCounts = new Int32Array(1024);
  private candidateCounts = new Int32Array(1024);
  private used = new Int32Array(512);
  private usedCount = 0;
  private mask = 1023;

  clippedOverlap(reference: Int32Array, referenceLength: number, candidate: Int32Array, candidateLength: number): number {
    this.prepare(referenceLength + candidateLength);
    for (let i = 1; i < referenceLength; i++) {
      const slot = this.slotFor(reference[i - 1]!, reference[i]!);
      this.referenceCounts[slot] = this.referenceCounts[slot]! + 1;
    }
    for (let i = 1; i < candidateLength; i++) {
      const slot = this.slotFor(candidate[i - 1]!, candidate[i]!);
      this.candidateCounts[slot] = this.candidateCounts[slot]! + 1;
    }
    let overlap = 0;
    for (let k = 0; k < this.usedCount; k++) {
      const slot = this.used[k]!;
      overlap += Math.min(this.referenceCounts[slot]!, this.candidateCounts[slot]!);
      this.firsts[slot] = EMPTY;
    }
    this.usedCount = 0;
    return overlap;
  }

  /** Sizes the table to stay at most half full for `bigrams` distinct keys. */
  private prepare(bigrams: number): void {
    let size = this.firsts.length;
    while (size < bigrams * 2) size *= 2;
    if (size !== this.firsts.length) {
      this.firsts = new Int32Array(size).fill(EMPTY);
      this.seconds = new Int32Array(size);
      this.referenceCounts = new Int32Array(size);
      this.candidateCounts = new Int32Array(size);
      this.mask = size - 1;
    }
    if (this.used.length < bigrams) this.used = new Int32Array(bigrams);
  }

  private slotFor(first: number, second: number): number {
    let h = Math.imul(first, 0x9e3779b1) ^ second;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca77);
    let slot = (h ^ (h >>> 13)) & this.mask;
    for (;;) {
      const f = this.firsts[slot]!;
      if (f === EMPTY) {
        this.firsts[slot] = first;
        this.seconds[slot] = second;
        this.referenceCounts[slot] = 0;
        this.candidateCounts[slot] = 0;
        this.used[this.usedCount++] = slot;
        return slot;
      }
      if (f === first && this.seconds[slot] === second) return slot;
      slot = (slot + 1) & this.mask;
    }
  }
}
