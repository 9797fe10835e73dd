import type { RougeSettings } from '../metrics';
import type { SummaryIssue, SummaryOptions } from '../summary';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'dpo', 'sft', 'summary-md', 'summary-csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Mean overall score an SFT completion needs by default (averaged over raters). */
export const DEFAULT_SFT_MIN_OVERALL = 4;
/** Mean overall score the chosen answer of a DPO pair built from ratings needs by default (the scale's middle). */
export const DEFAULT_DPO_MIN_OVERALL = 3;

export interface ExportOptions {
  format: ExportFormat;
  /** Only answers rated by at least this many raters (default 1). */
  minRaters?: number;
  /**
   * sft: the mean overall score an answer needs (default 4). dpo: the mean the chosen answer of a pair built
   * from ratings needs (default 3); a pair whose better answer falls short is a both-bad pair.
   */
  minOverall?: number;
  /** dpo: also write tie and both-bad pairs, labelled as such. */
  includeTies?: boolean;
  /** dpo, sft: put the reasoning into completions, wrapped in `<think>...</think>`. */
  withReasoning?: boolean;
  /**
   * jsonl, csv: write the long texts (question, context, reference, answer, reasoning) in every record
   * (default true). false writes them as null: records then hold ratings, ids, models, parameters and scores,
   * a tenth of the size, joined to the texts by question and answer uid (README.md says when that is better).
   */
  texts?: boolean;
  /** Only ratings under this rubric key; dpo, sft and the summaries need one when several were used. */
  rubricKey?: string;
  /** Only questions of this question set. */
  set?: string;
  /** ROUGE as the project computes it (default: ROUGE-1, -2, -L without stemming). */
  rouge?: RougeSettings;
  /** Bootstrap seed and resamples of the summary. */
  summary?: SummaryOptions;
  /**
   * Read the database on a second thread while this one formats (readerThread.ts): true, false, or (default)
   * when the study has 10,000 answers or more and the reader's code is there, except for dpo and sft.
   */
  readInWorker?: boolean;
  /**
   * Summaries: resample the ROUGE figures on a second thread while this one summarizes the ratings
   * (rougeThread.ts): true, false, or (default) from 20,000 rated answers when the thread's code is there.
   */
  rougeInWorker?: boolean;
  /**
   * Let SQLite do what it can of the work (default true): build jsonl's lines and csv's rows, count the
   * answers sft leaves out for their ratings. false reads and formats everything here from the store's
   * objects, the path the tests compare those with.
   */
  bySqlite?: boolean;
}

export interface ExportCounts {
  format: ExportFormat;
  /** What was read: questions with ratings, their rated answers, and the ratings. */
  questions: number;
  answers: number;
  ratings: number;
  /** Lines (jsonl, dpo, sft), data rows (csv, summary-csv) or Markdown documents (summary-md) written. */
  written: number;
  /** Why candidates were left out (dpo pairs, sft answers, answers below --min-raters), by reason. */
  skipped: Record<string, number>;
  /** The rubric key the export was restricted to, when it was. */
  rubricKey?: string;
  /** Answers whose ROUGE and extraction came from the store's cache, and those computed (and cached) anew. */
  scores: { cached: number; computed: number; notKept?: string };
  /** Values the summary had to leave out (see server/summary). */
  issues: SummaryIssue[];
}

/** An export that cannot be made as asked (an unknown rubric, several rubrics where one is needed, ...). */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}
