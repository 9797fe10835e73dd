import type { ReferenceAnswer } from '../dataset/model';
import type { SplitResult } from '../think/types';
import { scoreRougeTypes, type RougeScore, type RougeType } from './rouge';

/** The panel's ROUGE settings (`medreview.rouge.useStemmer` and the metric set). */
export interface RougeSettings {
  /** Porter stemming as rouge-score's `use_stemmer`; off by default, as in HuggingFace `evaluate`. */
  useStemmer: boolean;
  /** Metrics to compute and show. */
  types: readonly RougeType[];
}

export const DEFAULT_ROUGE_SETTINGS: Readonly<RougeSettings> = Object.freeze({ useStemmer: false, types: ['rouge1', 'rouge2', 'rougeL'] as const });

/** F-measure with precision and recall (for the hover) of each chosen metric. */
export type RougeFigures = Partial<Record<RougeType, RougeScore>>;

export interface AnswerRouge {
  /** The model's final answer against the reference answer; null (n/a) when there is no reference answer. */
  answer: RougeFigures | null;
  /** The model's reasoning against the reference reasoning; null (n/a) when the dataset has none. */
  reasoning: RougeFigures | null;
}

function present(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '';
}

/**
 * ROUGE of one answer for the panel: final answer against the reference answer, and reasoning against the
 * reference reasoning when the dataset has one (an answer without reasoning then scores 0, which is what it
 * earned). Pure computation over two short texts, tens of microseconds for typical lengths; it is
 * synchronous, so run it off the UI thread as for any other server call.
 */
export function scoreAnswerRouge(
  reference: ReferenceAnswer | undefined,
  split: Pick<SplitResult, 'answer' | 'reasoning'>,
  settings: RougeSettings = DEFAULT_ROUGE_SETTINGS,
): AnswerRouge {
  const options = { useStemmer: settings.useStemmer };
  const types = settings.types;
  return {
    answer: present(reference?.answer) ? scoreRougeTypes(reference.answer, split.answer, types, options) : null,
    reasoning: present(reference?.reasoning) ? scoreRougeTypes(reference.reasoning, split.reasoning, types, options) : null,
  };
}
