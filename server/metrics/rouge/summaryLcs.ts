import { BitColumns } from './bitColumns';
import { LineTrace } from './lineTrace';
import type { TokenizedText } from './tokenizedText';

/**
 * ROUGE-Lsum's hit count as rouge-score's `_summary_level_lcs` defines it: for each reference line, the union
 * of the reference positions used by its LCS with every candidate line; then, walking those positions in
 * order, a hit for each token while both texts still have an unused occurrence of it (ROUGE 1.5.5's guard
 * against counting a token twice).
 *
 * All candidate lines share one guarded bit layout, so each reference line needs a single traced pass for all
 * of them, and their backtracks a single sweep back up. The same pass yields ROUGE-L's LCS of the whole texts.
 */
export class SummaryLcs {
  private readonly columns = new BitColumns();
  private readonly trace = new LineTrace();
  /** LCS length of the whole reference and candidate, from the last `hits` call. */
  wholeLcs = 0;

  /**
   * `referenceCounts` and `candidateCounts` are the token counts of the whole texts; they are used up
   * (decremented) as hits are counted. Token ids must be dense below `alphabetSize`.
   */
  hits(reference: TokenizedText, candidate: TokenizedText, referenceCounts: Int32Array, candidateCounts: Int32Array, alphabetSize: number): number {
    const columns = this.columns;
    columns.reserveAlphabet(alphabetSize);
    columns.loadSegments(candidate.ids, candidate.lineEnds, candidate.lineCount, referenceCounts);
    let longestLine = 0;
    for (let r = 0; r < reference.lineCount; r++) longestLine = Math.max(longestLine, reference.lineEnd(r) - reference.lineStart(r));
    const trace = this.trace;
    trace.begin(columns, longestLine, reference.length);
    for (let r = 0; r < reference.lineCount; r++) trace.markLine(columns, reference.ids, reference.lineStart(r), reference.lineEnd(r));
    this.wholeLcs = trace.wholeLcs();
    const marks = trace.marks();
    const marksFrom = trace.marksFrom();
    let hits = 0;
    for (let p = 0; p < reference.length; p++) {
      if (marks[marksFrom + p] === 0) continue;
      const t = reference.ids[p]!;
      if (candidateCounts[t]! > 0 && referenceCounts[t]! > 0) {
        hits++;
        candidateCounts[t] = candidateCounts[t]! - 1;
        referenceCounts[t] = referenceCounts[t]! - 1;
      }
    }
    return hits;
  }
}
