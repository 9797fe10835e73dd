import { bigramOverlapFunction } from './bigramCode';
import { compileFunctions, WasmInstance } from './wasmRuntime';

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

const bigramModule = compileFunctions([bigramOverlapFunction]);

type BigramOverlap = (
  reference: number,
  referenceLength: number,
  candidate: number,
  candidateLength: number,
  alphabet: number,
  keys: number,
  counts: number,
  filled: number,
  shift: number,
  mask: number,
) => number;

/**
 * The clipped bigram overlap, in WebAssembly (bigramCode.ts): counts the reference's bigrams in an
 * open-addressing table, then uses those counts up with the candidate's bigrams, so each candidate bigram
 * still available in the reference is one shared occurrence, without a second table. A bigram of ids (a, b)
 * below `alphabetSize` is keyed a * alphabetSize + b + 1 (64-bit; 0 marks an empty slot).
 *
 * Memory, in bytes: the table's keys (8 per slot) from 0, its counts (4 per slot), the filled slots, then
 * both texts' ids. The kernel empties the slots it filled, so the table is clear between calls.
 */
export class BigramCounter {
  private readonly instance = new WasmInstance(bigramModule);
  private readonly overlapFn = this.instance.exports.bigramOverlap as BigramOverlap;
  private slots = 0;

  clippedOverlap(reference: Int32Array, referenceLength: number, candidate: Int32Array, candidateLength: number, alphabetSize: number): number {
    if (referenceLength < 2 || candidateLength < 2) return 0;
    // At most half full, so probes stay short.
    let slots = 1024;
    while (slots < 2 * referenceLength) slots *= 2;
    const countsAt = 2 * slots;
    const filledAt = countsAt + slots;
    const referenceAt = filledAt + referenceLength;
    const candidateAt = referenceAt + referenceLength;
    const instance = this.instance;
    instance.reserve(candidateAt + candidateLength);
    const view = instance.view;
    // A differently sized table overlaps memory used otherwise before: clear it.
    if (slots !== this.slots) view.fill(0, 0, countsAt);
    this.slots = slots;
    view.set(reference.subarray(0, referenceLength), referenceAt);
    view.set(candidate.subarray(0, candidateLength), candidateAt);
    const shift = 32 - Math.log2(slots);
    return this.overlapFn(4 * referenceAt, referenceLength, 4 * candidateAt, candidateLength, alphabetSize, 0, 4 * countsAt, 4 * filledAt, shift, slots - 1);
  }
}
