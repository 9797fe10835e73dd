import type { RougeSettings } from '../metrics';
import type { Rubric } from '../rubric';
import { isExportQuestion, isSummaryRows, type ExportItem, type ExportQuestion } from '../store';
import { summarizeStudyAlongside, type RougeMeansOf, type StudySummary } from '../summary';
import { keepEnoughRaters } from './answerRatings';
import type { ExportPlan } from './plan';
import type { AnswerScoring } from './scoreCache';
import { newSummaryParts, summaryInput, takeAnswerScores, type SummaryParts } from './summaryParts';
import { takeSummaryRows } from './summaryRowChunk';
import type { ExportCounts } from './types';

/** The summary always reports ROUGE-1, -2 and -L F-measures, with the project's stemming. */
export function summaryRouge(settings: RougeSettings): RougeSettings {
  return { useStemmer: settings.useStemmer, types: ['rouge1', 'rouge2', 'rougeL'] };
}

/**
 * The per-model summary of what the export selects, made by server/summary: every rating (compact: values
 * only, no text, since the bootstrap resamples them all), ROUGE-1/2/L F-measures of each rated answer
 * against its reference, and accuracy per model where questions have a label. Chunks come as rows SQLite
 * wrote (formatReads asks for them) or, where it could not, as objects: both give the same input. The
 * ROUGE means are computed by `rougeOf` (on another thread, rougeThread.ts) while the ratings are summarized.
 */
export async function studySummary(
  items: AsyncIterable<ExportItem>,
  plan: ExportPlan,
  rubric: Rubric,
  counts: ExportCounts,
  scoring: AnswerScoring,
  rougeOf: RougeMeansOf,
): Promise<StudySummary> {
  const parts = newSummaryParts(rubric);
  for await (const item of items) {
    if (isSummaryRows(item)) await takeSummaryRows(item.summary, plan, counts, scoring, parts);
    else if (isExportQuestion(item)) await takeQuestion(keepEnoughRaters(item, plan, counts), scoring, parts);
    else throw new Error('internal: the summary was handed lines or a tally');
    await scoring.saveIfDue();
  }
  await scoring.save();
  return summarizeStudyAlongside(summaryInput(parts), plan.summary, rougeOf);
}

async function takeQuestion(q: ExportQuestion, scoring: AnswerScoring, parts: SummaryParts): Promise<void> {
  for (const entry of q.answers) {
    const a = entry.answer;
    for (const r of entry.ratings) parts.ratings.add({ raterId: r.rater, answerId: a.uid, questionId: q.question.uid, model: a.model, values: r.values, overall: r.overall });
    takeAnswerScores(parts, a.uid, a.model, await scoring.scores(q, entry), entry.overrides);
  }
}
