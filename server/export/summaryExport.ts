import type { RougeSettings } from '../metrics';
import type { Rubric } from '../rubric';
import type { ExportQuestion } from '../store';
import { summarizeStudy, type StudySummary, type SummaryAccuracy, type SummaryRating, type SummaryRouge } from '../summary';
import { withEnoughRaters } from './answerRatings';
import { correctedAccuracy, latestOverride } from './answerScores';
import type { ExportPlan } from './plan';
import type { AnswerScoring } from './scoreCache';
import type { ExportCounts } from './types';

/** The summary always reports ROUGE-1, -2 and -L F-measures, with the project's stemming. */
export function summaryRouge(settings: RougeSettings): RougeSettings {
  return { useStemmer: settings.useStemmer, types: ['rouge1', 'rouge2', 'rougeL'] };
}

/**
 * The per-model summary of what the export selects, made by server/summary: every rating (compact: values
 * only, no text, since the bootstrap resamples them all), ROUGE-1/2/L F-measures of each rated answer
 * against its reference, and accuracy per model where questions have a label.
 */
export async function studySummary(
  stream: AsyncIterable<ExportQuestion>,
  plan: ExportPlan,
  rubric: Rubric,
  counts: ExportCounts,
  scoring: AnswerScoring,
): Promise<StudySummary> {
  const ratings: SummaryRating[] = [];
  const rougeRows: SummaryRouge[] = [];
  const accuracy = new Map<string, SummaryAccuracy>();
  for await (const q of withEnoughRaters(stream, plan, counts)) {
    for (const entry of q.answers) {
      const a = entry.answer;
      for (const r of entry.ratings) ratings.push({ raterId: r.rater, answerId: a.uid, questionId: q.question.uid, model: a.model, values: r.values, overall: r.overall });
      const scores = await scoring.scores(q, entry);
      const f = scores.rouge.answer;
      if (f?.rouge1 && f.rouge2 && f.rougeL) rougeRows.push({ answerId: a.uid, model: a.model, rouge1: f.rouge1.fmeasure, rouge2: f.rouge2.fmeasure, rougeL: f.rougeL.fmeasure });
      const graded = correctedAccuracy(scores, latestOverride(entry.overrides));
      if (graded) tally(accuracy, a.model, graded.verdict);
    }
    await scoring.saveIfDue();
  }
  await scoring.save();
  return summarizeStudy({ rubric, ratings, rouge: rougeRows, accuracy: [...accuracy.values()] }, plan.summary);
}

function tally(byModel: Map<string, SummaryAccuracy>, model: string, verdict: 'correct' | 'incorrect' | 'not-extractable'): void {
  let row = byModel.get(model);
  if (!row) byModel.set(model, (row = { model, correct: 0, total: 0, unextractable: 0 }));
  row.total++;
  if (verdict === 'correct') row.correct++;
  else if (verdict === 'not-extractable') row.unextractable++;
}
