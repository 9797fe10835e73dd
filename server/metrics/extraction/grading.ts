import { wilsonInterval } from '../stats';
import type { Extraction } from './types';

/** What the panel's chip shows: the extracted (or overridden) answer against the question's label. */
export type Verdict = 'correct' | 'incorrect' | 'not-extractable';

export interface Grade {
  verdict: Verdict;
  /** The answer graded: the physician's override when there is one, else the extracted choice. */
  graded: string | null;
  label: string;
  extraction: Extraction;
  overridden: boolean;
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Grades an extraction against the label (MedQA `answer_idx`, PubMedQA `final_decision`), compared without
 * regard to case. A physician's override replaces the extraction; ambiguous and empty extractions are
 * not extractable.
 */
export function gradeExtraction(extraction: Extraction, label: string, override?: string | null): Grade {
  const overridden = override !== undefined && override !== null && override.trim() !== '';
  const graded = overridden ? override : extraction.state === 'chosen' ? extraction.choice : null;
  const verdict: Verdict = graded === null ? 'not-extractable' : same(graded, label) ? 'correct' : 'incorrect';
  return { verdict, graded, label, extraction, overridden };
}

export interface GradedAnswer {
  model: string;
  verdict: Verdict;
}

export interface ModelAccuracy {
  model: string;
  answers: number;
  correct: number;
  incorrect: number;
  /** Answers where nothing (or nothing unambiguous) could be extracted and no override was given. */
  notExtractable: number;
  /** correct / answers: an answer that cannot be graded counts as not correct, as in MedQA reporting. */
  accuracy: number | null;
  /** Wilson 95% interval of `accuracy`. */
  low: number | null;
  high: number | null;
}

/** Per-model accuracy with its Wilson 95% interval, models listed by name. */
export function summarizeAccuracy(graded: Iterable<GradedAnswer>): ModelAccuracy[] {
  const counts = new Map<string, { correct: number; incorrect: number; notExtractable: number }>();
  for (const { model, verdict } of graded) {
    let c = counts.get(model);
    if (!c) counts.set(model, (c = { correct: 0, incorrect: 0, notExtractable: 0 }));
    if (verdict === 'correct') c.correct++;
    else if (verdict === 'incorrect') c.incorrect++;
    else c.notExtractable++;
  }
  return [...counts.keys()].sort().map((model) => {
    const c = counts.get(model) ?? { correct: 0, incorrect: 0, notExtractable: 0 };
    const answers = c.correct + c.incorrect + c.notExtractable;
    const interval = wilsonInterval(c.correct, answers);
    return { model, answers, ...c, accuracy: interval?.proportion ?? null, low: interval?.low ?? null, high: interval?.high ?? null };
  });
}
