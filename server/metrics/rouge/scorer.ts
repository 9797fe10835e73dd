import { BitColumns } from './bitColumns';
import { BitParallelLcs } from './lcs';
import { BigramCounter, clippedUnigramOverlap, countTokens } from './ngrams';
import { SummaryLcs } from './summaryLcs';
import { TokenizedText } from './tokenizedText';
import { tokenizeInto } from './tokenizer';
import { ROUGE_TYPES, type RougeOptions, type RougeScore, type RougeScores, type RougeType } from './types';
import { PairTokenIds } from './pairTokenIds';
import { TokenVocabulary } from './vocabulary';

/** Past this many remembered words and stems the vocabulary starts afresh (bounded memory in the server). */
const VOCABULARY_LIMIT = 500_000;

/** rouge-score's `scoring.fmeasure`, with the same operation order so the doubles come out identical. */
function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function score(precision: number, recall: number): RougeScore {
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

const ZERO: Readonly<RougeScore> = { precision: 0, recall: 0, fmeasure: 0 };

export class UnsupportedRougeOptionError extends Error {}

/**
 * Scores pairs of texts exactly as Google's rouge-score 0.1.2 `RougeScorer` (default tokenizer), which
 * HuggingFace `evaluate`'s "rouge" wraps. Keeps its buffers between calls, so reuse one instance; it is not
 * reentrant (JavaScript never calls it concurrently within one thread).
 */
export class RougeScorer {
  private readonly vocabulary = new TokenVocabulary();
  private readonly pairIds = new PairTokenIds(this.vocabulary);
  private readonly reference = new TokenizedText();
  private readonly candidate = new TokenizedText();
  private readonly columns = new BitColumns();
  private readonly lcs = new BitParallelLcs();
  private readonly summary = new SummaryLcs();
  private readonly bigrams = new BigramCounter();
  private referenceCounts = new Int32Array(1024);
  private candidateCounts = new Int32Array(1024);

  /** All four metrics. */
  score(reference: string, candidate: string, options: RougeOptions = {}): RougeScores {
    return this.scoreTypes(reference, candidate, ROUGE_TYPES, options);
  }

  /** Only the metrics named in `types` (the others are not computed). */
  scoreTypes<T extends RougeType>(reference: string, candidate: string, types: readonly T[], options: RougeOptions = {}): Record<T, RougeScore> {
    if (options.splitSummaries) {
      throw new UnsupportedRougeOptionError(
        'split_summaries=true needs NLTK\'s trained Punkt sentence splitter, which is not reproduced; use false (newline-separated sentences, as HuggingFace evaluate does)',
      );
    }
    this.vocabulary.clearIfLargerThan(VOCABULARY_LIMIT);
    const useStemmer = options.useStemmer ?? false;
    // Both texts share one numbering, dense from 0, so per-token tables are small arrays.
    this.pairIds.reset(useStemmer);
    tokenizeInto(reference, this.pairIds, this.reference);
    tokenizeInto(candidate, this.pairIds, this.candidate);
    const alphabetSize = this.pairIds.size;
    const wanted = new Set<RougeType>(types);
    const result: Partial<Record<RougeType, RougeScore>> = {};
    const needCounts = wanted.has('rouge1') || wanted.has('rougeLsum');
    if (needCounts) this.countBoth(alphabetSize);
    if (wanted.has('rouge1')) result.rouge1 = this.rouge1(alphabetSize);
    if (wanted.has('rouge2')) result.rouge2 = this.rouge2(alphabetSize);
    if (wanted.has('rougeLsum') && this.hasSeveralLines()) {
      // The summary pass computes ROUGE-L's whole-text LCS on the way.
      const { rougeL, rougeLsum } = this.rougeLAndLsum(alphabetSize);
      if (wanted.has('rougeL')) result.rougeL = rougeL;
      result.rougeLsum = rougeLsum;
    } else if (wanted.has('rougeL') || wanted.has('rougeLsum')) {
      const rougeL = this.rougeL(alphabetSize, needCounts);
      if (wanted.has('rougeL')) result.rougeL = rougeL;
      // At most one line a side: the union is that line's LCS, which no token count can clip, so Lsum equals L
      // (and with no line both are 0).
      if (wanted.has('rougeLsum')) result.rougeLsum = { ...rougeL };
    }
    return result as Record<T, RougeScore>;
  }

  private countBoth(alphabetSize: number): void {
    if (this.referenceCounts.length < alphabetSize) {
      this.referenceCounts = new Int32Array(alphabetSize * 2);
      this.candidateCounts = new Int32Array(alphabetSize * 2);
    }
    this.referenceCounts.fill(0, 0, alphabetSize);
    this.candidateCounts.fill(0, 0, alphabetSize);
    countTokens(this.reference.ids, this.reference.length, this.referenceCounts);
    countTokens(this.candidate.ids, this.candidate.length, this.candidateCounts);
  }

  private rouge1(alphabetSize: number): RougeScore {
    const overlap = clippedUnigramOverlap(this.referenceCounts, this.candidateCounts, alphabetSize);
    return score(overlap / Math.max(this.candidate.length, 1), overlap / Math.max(this.reference.length, 1));
  }

  private rouge2(alphabetSize: number): RougeScore {
    const { reference: r, candidate: c } = this;
    const overlap = this.bigrams.clippedOverlap(r.ids, r.length, c.ids, c.length, alphabetSize);
    return score(overlap / Math.max(c.length - 1, 1), overlap / Math.max(r.length - 1, 1));
  }

  /** `countsReady`: the token counts of both texts are in referenceCounts and candidateCounts. */
  private rougeL(alphabetSize: number, countsReady: boolean): RougeScore {
    const { reference: r, candidate: c } = this;
    if (r.length === 0 || c.length === 0) return { ...ZERO };
    // LCS length is symmetric: lay the longer text out as bit columns, fewer wasted bits per word.
    const [columns, rows] = c.length >= r.length ? [c, r] : [r, c];
    const rowCounts = countsReady ? (rows === r ? this.referenceCounts : this.candidateCounts) : null;
    this.columns.reserveAlphabet(alphabetSize);
    this.columns.loadSingle(columns.ids, 0, columns.length, rowCounts);
    const length = this.lcs.length(this.columns, rows.ids, 0, rows.length);
    return score(length / c.length, length / r.length);
  }

  private hasSeveralLines(): boolean {
    return this.reference.lineCount > 1 || this.candidate.lineCount > 1;
  }

  private rougeLAndLsum(alphabetSize: number): { rougeL: RougeScore; rougeLsum: RougeScore } {
    const { reference: r, candidate: c } = this;
    if (r.length === 0 || c.length === 0) return { rougeL: { ...ZERO }, rougeLsum: { ...ZERO } };
    const hits = this.summary.hits(r, c, this.referenceCounts, this.candidateCounts, alphabetSize);
    const lcs = this.summary.wholeLcs;
    return { rougeL: score(lcs / c.length, lcs / r.length), rougeLsum: score(hits / c.length, hits / r.length) };
  }
}

const sharedScorer = new RougeScorer();

/** ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of `candidate` against `reference`, as rouge-score computes them. */
export function scoreRouge(reference: string, candidate: string, options: RougeOptions = {}): RougeScores {
  return sharedScorer.score(reference, candidate, options);
}

/** The chosen metrics only. */
export function scoreRougeTypes<T extends RougeType>(reference: string, candidate: string, types: readonly T[], options: RougeOptions = {}): Record<T, RougeScore> {
  return sharedScorer.scoreTypes(reference, candidate, types, options);
}
