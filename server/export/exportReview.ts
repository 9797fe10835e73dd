import type { Writable } from 'node:stream';
import type { RubricVersion, Store } from '../store';
import { renderSummaryCsv, renderSummaryMarkdown } from '../summary';
import { newCounts } from './counts';
import { writeCsv } from './csvExport';
import { writeDpo } from './dpoExport';
import { writeJsonl } from './jsonlExport';
import { exportPlan, type ExportPlan } from './plan';
import { axisIdsOf, summaryRubric } from './rubricVersions';
import { writeSft } from './sftExport';
import { studySummary } from './summaryExport';
import { TextSink } from './textSink';
import { ExportError, type ExportCounts, type ExportOptions } from './types';

/**
 * Writes the review database's ratings to `out` in one of the export formats and returns what was read,
 * written and left out. The export is the database's state at the moment it started, however long it runs
 * and whatever other windows save meanwhile (Store.streamExport); memory holds a few hundred questions at a
 * time, except for the summaries, which need every rating's values. `out` is left open.
 */
export async function exportReview(store: Store, options: ExportOptions, out: Writable): Promise<ExportCounts> {
  const plan = exportPlan(options);
  const versions = await store.rubrics();
  const rubricKey = await chooseRubricKey(store, plan, versions);
  if (plan.set !== undefined) await checkSet(store, plan.set);
  const counts = newCounts(plan.format, rubricKey);
  const stream = store.streamExport({ set: plan.set, rubricKey, preferences: plan.format === 'dpo' });
  const sink = new TextSink(out);
  switch (plan.format) {
    case 'jsonl':
      await writeJsonl(stream, plan, sink, counts);
      break;
    case 'csv': {
      const keys = rubricKey !== undefined ? [rubricKey] : [...new Set(versions.map((v) => v.key))];
      await writeCsv(stream, plan, { axisIds: axisIdsOf(versions, keys), rougeTypes: plan.rouge.types }, sink, counts);
      break;
    }
    case 'dpo':
      await writeDpo(stream, plan, sink, counts);
      break;
    case 'sft':
      await writeSft(stream, plan, sink, counts);
      break;
    case 'summary-md':
    case 'summary-csv': {
      if (rubricKey === undefined) throw new ExportError('no rubric to summarize with: the review database has no rubric');
      const summary = await studySummary(stream, plan, summaryRubric(versions, rubricKey), counts);
      counts.issues = summary.issues;
      const text = plan.format === 'summary-md' ? renderSummaryMarkdown(summary) : renderSummaryCsv(summary);
      await sink.write(text);
      counts.written = plan.format === 'summary-md' ? 1 : text.split('\n').filter((l) => l !== '').length - 1;
      break;
    }
  }
  await sink.flush();
  return counts;
}

/** Formats that combine ratings (training pairs, means) need them all made with one rubric. */
function needsOneRubric(plan: ExportPlan): boolean {
  return plan.format !== 'jsonl' && plan.format !== 'csv';
}

async function chooseRubricKey(store: Store, plan: ExportPlan, versions: readonly RubricVersion[]): Promise<string | undefined> {
  const known = [...new Set(versions.map((v) => v.key))];
  if (plan.rubricKey !== undefined) {
    if (!known.includes(plan.rubricKey)) throw new ExportError(`no rubric '${plan.rubricKey}' in the review database (rubrics: ${known.join(', ') || 'none'})`);
    return plan.rubricKey;
  }
  if (!needsOneRubric(plan)) return undefined;
  const rated = await store.ratedRubricKeys();
  if (rated.length > 1) throw new ExportError(`the ratings were made with several rubrics (${rated.join(', ')}); choose one with --rubric KEY`);
  // No ratings at all: a summary of nothing, made with the rubric the project registered.
  return rated[0] ?? (known.length === 1 ? known[0] : undefined);
}

async function checkSet(store: Store, set: string): Promise<void> {
  const sets = (await store.questionSets()).map((s) => s.name);
  if (!sets.includes(set)) throw new ExportError(`no question set '${set}' in the review database (sets: ${sets.join(', ') || 'none'})`);
}
