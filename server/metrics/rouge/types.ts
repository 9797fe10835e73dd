/** One ROUGE figure as rouge-score reports it. */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

/** The metrics HuggingFace `evaluate`'s "rouge" reports by default. */
export const ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;
export type RougeType = (typeof ROUGE_TYPES)[number];

/** How tables, charts and the panel name each metric. */
export const ROUGE_NAMES: Record<RougeType, string> = { rouge1: 'ROUGE-1', rouge2: 'ROUGE-2', rougeL: 'ROUGE-L', rougeLsum: 'ROUGE-Lsum' };

export type RougeScores = Record<RougeType, RougeScore>;

export interface RougeOptions {
  /** Porter-stem tokens longer than three characters (rouge-score `use_stemmer`; `evaluate` defaults to off). */
  useStemmer?: boolean;
  /**
   * rouge-score `split_summaries`: when true the reference splits ROUGE-Lsum sentences with NLTK's trained
   * Punkt model. That model cannot be reproduced exactly here, so only `false` (newline-separated sentences,
   * which is what `evaluate` uses) is accepted.
   */
  splitSummaries?: boolean;
}

export function isRougeType(value: unknown): value is RougeType {
  return typeof value === 'string' && (ROUGE_TYPES as readonly string[]).includes(value);
}
