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
  if (!isAbsolute(params.path)) throw new ProjectExportError(`export path must be absolute: ${params.path}`);
  await checkBlindRoundDone(p, 'an export');
  const options: ExportOptions = { format: params.format, rouge: p.rouge };
  if (params.format !== 'jsonl' && params.format !== 'csv') options.rubricKey = p.rubric.rubric.id;
  if (params.minRaters !== undefined) options.minRaters = params.minRaters;
  if (params.minOverall !== undefined) options.minOverall = params.minOverall;
  if (params.includeTies !== undefined) options.includeTies = params.includeTies;
  if (params.withReasoning !== undefined) options.withReasoning = params.withReasoning;
  const counts = await exportToFile(p.store, options, params.path);
  const view: ExportResultView = {
    format: params.format,
    path: params.path,
    questions: counts.questions,
    answers: counts.answers,
    ratings: counts.ratings,
    written: counts.written,
    skipped: counts.skipped,
  };
  if (counts.rubricKey !== undefined) view.rubricKey = counts.rubricKey;
  return view;
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
