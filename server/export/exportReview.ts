import type { Writable } from 'node:stream';
import type { ExportStreamFilter, RubricVersion, Store } from '../store';
import { renderSummaryCsv, renderSummaryMarkdown } from '../summary';
import { newCounts } from './counts';
import type { CsvLayout } from './csvColumns';
import { writeCsv } from './csvExport';
import { writeDpo } from './dpoExport';
import { writeJsonl } from './jsonlExport';
import { exportPlan, type ExportPlan } from './plan';
import { exportStream } from './readerThread';
import { rougeMeansOf } from './rougeThread';
import { axisIdsOf, summaryRubric } from './rubricVersions';
import { sftStreamFilter, writeSft } from './sftExport';
import { AnswerScoring } from './scoreCache';
import { studySummary, summaryRouge } from './summaryExport';
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
  const summary = plan.format === 'summary-md' || plan.format === 'summary-csv';
  const scoring = new AnswerScoring(store, summary ? summaryRouge(plan.rouge) : plan.rouge);
  const items = await exportStream(store, { set: plan.set, rubricKey, ...formatReads(plan, scoring, options) }, readInWorker(plan, options));
  const sink = new TextSink(out);
  switch (plan.format) {
    case 'jsonl':
      await writeJsonl(items, plan, sink, counts, scoring);
      break;
    case 'csv':
      await writeCsv(items, plan, csvLayout(plan, versions, rubricKey), sink, counts, scoring);
      break;
    case 'dpo':
      await writeDpo(items, plan, sink, counts);
      break;
    case 'sft':
      await writeSft(items, plan, sink, counts);
      break;
    case 'summary-md':
    case 'summary-csv': {
      if (rubricKey === undefined) throw new ExportError('no rubric to summarize with: the review database has no rubric');
      const study = await studySummary(items, plan, summaryRubric(versions, rubricKey), counts, scoring, rougeMeansOf(options.rougeInWorker));
      counts.issues = study.issues;
      const text = plan.format === 'summary-md' ? renderSummaryMarkdown(study) : renderSummaryCsv(study);
      await sink.write(text);
      counts.written = plan.format === 'summary-md' ? 1 : text.split('\n').filter((l) => l !== '').length - 1;
      break;
    }
  }
  await sink.flush();
  counts.scores = { cached: scoring.cached, computed: scoring.computed };
  if (scoring.notKept !== undefined) counts.scores.notKept = scoring.notKept;
  return counts;
}

/**
 * What the stream reads for a format. dpo uses no scores but every completion, and preferences: SQLite writes
 * its rows (dpoRows.ts in the store) where it can quote the completions (the score cache says where). sft
 * uses no scores and the texts of only the answers it writes (sftStreamFilter). Both use only the overall
 * score of a rating, so they read ratings without their axis values. The others read the cached scores, and
 * need no text of an answer already scored, except jsonl and csv with texts; jsonl takes them JSON-quoted by
 * SQLite, ready to write (server/store/queries/exportRows.ts); SQLite builds jsonl's lines and csv's rows
 * itself where it can (builtLines.ts there), and writes the summaries' rows (summaryRows.ts there).
 */
function formatReads(plan: ExportPlan, scoring: AnswerScoring, options: ExportOptions): Pick<ExportStreamFilter, 'scorer' | 'texts' | 'answerTextsFor' | 'ratingValues' | 'preferences' | 'lines' | 'tally' | 'summary' | 'dpo'> {
  if (plan.format === 'sft') return { ...sftStreamFilter(plan, options.bySqlite !== false), ratingValues: false };
  if (plan.format === 'dpo') {
    if (options.bySqlite === false) return { preferences: true, ratingValues: false };
    const texts = plan.withReasoning ? 'all' : 'answer-json';
    return { preferences: true, ratingValues: false, scorer: scoring.key, texts, dpo: { withReasoning: plan.withReasoning } };
  }
  const texts = !plan.texts ? 'none' : plan.format === 'jsonl' ? 'json' : plan.format === 'csv' ? 'all' : 'none';
  if (options.bySqlite === false) return { scorer: scoring.key, texts };
  if (plan.format === 'jsonl') return { scorer: scoring.key, texts, lines: { texts: plan.texts, minRaters: plan.minRaters } };
  if (plan.format === 'csv') return { scorer: scoring.key, texts, lines: { texts: plan.texts, minRaters: plan.minRaters, csv: true } };
  return { scorer: scoring.key, texts, summary: { minRaters: plan.minRaters } };
}

/**
 * sft, and dpo where it reads only objects (`bySqlite` false), read answers' texts as strings and do little
 * with them: handing them over from the reader thread cost this one about what reading them does
 * (measured with every text: no faster, 40 % more CPU), so they read here unless asked otherwise. dpo's rows
 * cross threads as bytes.
 */
function readInWorker(plan: ExportPlan, options: ExportOptions): boolean | undefined {
  const asObjects = plan.format === 'sft' || (plan.format === 'dpo' && options.bySqlite === false);
  return options.readInWorker ?? (asObjects ? false : undefined);
}

/** CSV columns: every axis of every registered version of the rubric keys exported (all of them without one). */
function csvLayout(plan: ExportPlan, versions: readonly RubricVersion[], rubricKey: string | undefined): CsvLayout {
  const keys = rubricKey !== undefined ? [rubricKey] : [...new Set(versions.map((v) => v.key))];
  return { axisIds: axisIdsOf(versions, keys), rougeTypes: plan.rouge.types };
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
