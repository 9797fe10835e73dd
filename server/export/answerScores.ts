import { gradeAnswer, gradeExtraction, scoreAnswerRouge, type AnswerAccuracy, type AnswerRouge, type RougeSettings } from '../metrics';
import type { ChoiceOverride, StoredAnswer, StoredQuestion } from '../store';

/** What is computed once per answer, however many raters rated it. */
export interface AnswerScores {
  /** Final answer against the reference answer, reasoning against the reference reasoning (null: no reference). */
  rouge: AnswerRouge;
  /** The extracted choice graded against the question's label, uncorrected; null when there is no label. */
  accuracy: AnswerAccuracy | null;
}

export function scoreAnswer(question: StoredQuestion, answer: StoredAnswer, rouge: RougeSettings): AnswerScores {
  return {
    rouge: scoreAnswerRouge(question.reference, answer.split, rouge),
    accuracy: gradeAnswer(question, answer.split.answer, null),
  };
}

/** The verdict with a physician's correction of the extracted choice, when there is one. */
export function correctedAccuracy(scores: AnswerScores, override: ChoiceOverride | undefined): AnswerAccuracy | null {
  const base = scores.accuracy;
  if (!base || !override) return base;
  return { kind: base.kind, ...gradeExtraction(base.extraction, base.label, override.corrected) };
}

/**
 * The correction that counts for an answer as a whole (the summary's accuracy, one verdict per answer).
 * Corrections are per rater and rarely differ; when they do, the most recent is used (the per-rating exports
 * keep each rater's own).
 */
export function latestOverride(overrides: readonly ChoiceOverride[]): ChoiceOverride | undefined {
  let latest: ChoiceOverride | undefined;
  for (const o of overrides) if (!latest || o.updatedAt > latest.updatedAt) latest = o;
  return latest;
}
