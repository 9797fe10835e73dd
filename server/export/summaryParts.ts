import type { ChoiceOverride } from '../store';
import { codedAxes, RatingIntake, type SummaryAccuracy, type SummaryInput, type SummaryRouge, type TakenInput } from '../summary';
import { correctedAccuracy, latestOverride, type AnswerScores } from './answerScores';

/**
 * What the summary gathers from the export's stream before it computes anything: the ratings checked as
 * they come (RatingIntake), while the reader thread reads the next chunk.
 */
export interface SummaryParts {
  rubric: SummaryInput['rubric'];
  ratings: RatingIntake;
  rouge: SummaryRouge[];
  accuracy: Map<string, SummaryAccuracy>;
}

export function newSummaryParts(rubric: SummaryInput['rubric']): SummaryParts {
  return { rubric, ratings: new RatingIntake(rubric, codedAxes(rubric)), rouge: [], accuracy: new Map() };
}

export function summaryInput(parts: SummaryParts): TakenInput {
  return { rubric: parts.rubric, intake: parts.ratings, rouge: parts.rouge, accuracy: [...parts.accuracy.values()] };
}

/** A rated answer's ROUGE F-measures (when it has all three) and its accuracy, corrected by the latest correction. */
export function takeAnswerScores(parts: SummaryParts, answerUid: string, model: string, scores: AnswerScores, overrides: readonly ChoiceOverride[]): void {
  const f = scores.rouge.answer;
  if (f?.rouge1 && f.rouge2 && f.rougeL) parts.rouge.push({ answerId: answerUid, model, rouge1: f.rouge1.fmeasure, rouge2: f.rouge2.fmeasure, rougeL: f.rougeL.fmeasure });
  const graded = correctedAccuracy(scores, latestOverride(overrides));
  if (graded) tally(parts.accuracy, model, graded.verdict);
}

function tally(byModel: Map<string, SummaryAccuracy>, model: string, verdict: 'correct' | 'incorrect' | 'not-extractable'): void {
  let row = byModel.get(model);
  if (!row) byModel.set(model, (row = { model, correct: 0, total: 0, unextractable: 0 }));
  row.total++;
  if (verdict === 'correct') row.correct++;
  else if (verdict === 'not-extractable') row.unextractable++;
}
