import { BitColumns } from './bitColumns';
import { BitParallelLcs } from './lcs';
import type { TokenizedText } from './tokenizer';

/**
 * ROUGE-Lsum's hit count as rouge-score's `_summary_level_lcs` defines it: for each reference line, the union
 * of the reference positions used by its LCS with every candidate line; then, walking those positions in
 * order, a hit for each token while both texts still have an unused occurrence of it (ROUGE 1.5.5's guard
 * against counting a token twice).
 *
 * All candidate lines share one guarded bit layout, so each reference line needs a single traced pass for all
 * of them; only the candidate lines sharing a token with it are then backtracked (the others have an empty
 * LCS).
 */
export class SummaryLcs {
  private readonly columns = new BitColumns();
  private readonly lcs = new BitParallelLcs();
  private marks = new Uint8Array(256);
  private sharedSegments = new Int32Array(4);

  /**
   * `referenceCounts` and `candidateCounts` are the token counts of the whole texts; they are used up
   * (decremented) as hits are counted. Token ids must be dense below `alphabetSize`.
   */
  hits(reference: TokenizedText, candidate: TokenizedText, referenceCounts: Int32Array, candidateCounts: Int32Array, alphabetSize: number): number {
    const columns = this.columns;
    columns.reserveAlphabet(alphabetSize);
    columns.loadSegments(candidate.ids, candidate.lineEnds, candidate.lineCount);
    if (this.marks.length < reference.length) this.marks = new Uint8Array(reference.length * 2);
    const marks = this.marks;
    marks.fill(0, 0, reference.length);
    for (let r = 0; r < reference.lineCount; r++) {
      const from = reference.lineStart(r);
      const to = reference.lineEnd(r);
      if (!this.findSharedSegments(reference.ids, from, to)) continue;
      this.lcs.traceRows(columns, reference.ids, from, to);
      for (let w = 0; w < columns.segmentWords; w++) {
        let bits = this.sharedSegments[w]!;
        while (bits !== 0) {
          const low = bits & -bits;
          const segment = w * 32 + 31 - Math.clz32(low);
          bits ^= low;
          this.lcs.markSegmentLcs(columns, reference.ids, from, to, segment, marks, from);
        }
      }
    }
    let hits = 0;
    for (let p = 0; p < reference.length; p++) {
      if (marks[p] === 0) continue;
      const t = reference.ids[p]!;
      if (candidateCounts[t]! > 0 && referenceCounts[t]! > 0) {
        hits++;
        candidateCounts[t] = candidateCounts[t]! - 1;
        referenceCounts[t] = referenceCounts[t]! - 1;
      }
    }
    return hits;
  }

  /** Sets `sharedSegments` to the candidate lines holding any token of `ids[from..to)`; false if none. */
  private findSharedSegments(ids: Int32Array, from: number, to: number): boolean {
    const columns = this.columns;
    const segmentWords = columns.segmentWords;
    if (this.sharedSegments.length < segmentWords) this.sharedSegments = new Int32Array(segmentWords * 2);
    const shared = this.sharedSegments;
    shared.fill(0, 0, segmentWords);
    let any = false;
    for (let p = from; p < to; p++) {
      const slot = columns.slotOf[ids[p]!]!;
      if (slot < 0) continue;
      any = true;
      for (let w = 0; w < segmentWords; w++) shared[w] = shared[w]! | columns.segmentBits(slot, w);
    }
    return any;
  }
}
