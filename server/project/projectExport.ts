import { isAbsolute } from 'node:path';
import { exportToFile, summarizeReview, type ExportOptions } from '../export';
import type { ExportParams, ExportResultView, SummaryParams } from '../protocol';
import type { StudySummary } from '../summary';
import type { OpenProject } from './project';

/**
 * Export and summary of the open project: the core's export with the project's ROUGE settings and, where
 * ratings are combined (training pairs, completions, summaries), the active rubric.
 */
export async function exportProject(p: OpenProject, params: ExportParams): Promise<ExportResultView> {
  const { path, ...asked } = params;
  if (!isAbsolute(path)) throw new ProjectExportError(`export path must be absolute: ${path}`);
  await checkBlindRoundDone(p, 'an export');
  const combinesRatings = asked.format !== 'jsonl' && asked.format !== 'csv';
  const options: ExportOptions = { ...asked, rouge: p.rouge, ...(combinesRatings ? { rubricKey: p.rubric.rubric.id } : {}) };
  const { format, questions, answers, ratings, written, skipped, rubricKey } = await exportToFile(p.store, options, path);
  return { format, questions, answers, ratings, written, skipped, path, ...(rubricKey !== undefined ? { rubricKey } : {}) };
}

export async function projectSummary(p: OpenProject, params: SummaryParams): Promise<StudySummary> {
  await checkBlindRoundDone(p, 'the summary');
  return summarizeReview(p.store, p.rubric.rubric, { rouge: p.rouge, ...(params.minRaters !== undefined ? { minRaters: params.minRaters } : {}) });
}

/**
 * Both show every rater's ratings and the models' names: in a blind study a rater sees them only after
 * rating every answer, as with other raters' ratings in the panel, so they cannot sway the rater.
 */
async function checkBlindRoundDone(p: OpenProject, what: string): Promise<void> {
  if (!p.settings.blind) return;
  const mine = (await p.store.raterProgress({ rubricKey: p.rubric.rubric.id })).find((r) => r.rater === p.rater);
  const done = mine?.gradedAnswers ?? 0;
  const total = mine?.totalAnswers ?? 0;
  if (done < total) throw new ProjectExportError(`blind review: ${what} names the models and shows every rater's ratings, so it opens once you have rated every answer (${done} of ${total} rated)`);
}

/** An export request that cannot be carried out as asked. */
export class ProjectExportError extends Error {
  override readonly name = 'ProjectExportError';
}
