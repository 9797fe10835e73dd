import type { Rubric } from '../rubric';
import type { Store } from '../store';
import type { StudySummary } from '../summary';
import { newCounts } from './counts';
import { exportPlan } from './plan';
import { exportStream } from './readerThread';
import { rougeMeansOf } from './rougeThread';
import { AnswerScoring } from './scoreCache';
import { studySummary, summaryRouge } from './summaryExport';
import type { ExportOptions } from './types';

/**
 * The per-model summary as data rather than text, for a view that draws it (the panel's summary): the same
 * selection, scores (from the score cache) and numbers as `exportReview` with a summary format, for the
 * ratings made with `rubric`.
 */
export async function summarizeReview(store: Store, rubric: Rubric, options: Omit<ExportOptions, 'format' | 'rubricKey'> = {}): Promise<StudySummary> {
  const plan = exportPlan({ ...options, format: 'summary-md', rubricKey: rubric.id });
  const counts = newCounts(plan.format, rubric.id);
  const scoring = new AnswerScoring(store, summaryRouge(plan.rouge));
  const filter = { set: plan.set, rubricKey: rubric.id, preferences: false, scorer: scoring.key, texts: 'none', summary: { minRaters: plan.minRaters } } as const;
  const items = await exportStream(store, filter, options.readInWorker);
  return studySummary(items, plan, rubric, counts, scoring, rougeMeansOf(options.rougeInWorker));
}
