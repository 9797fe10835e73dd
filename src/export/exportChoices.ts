import type { ExportFormatName, ExportParams } from '../../server/protocol';

/** What the quick pick shows for each export format, and the file it suggests. */
export interface FormatChoice {
  format: ExportFormatName;
  label: string;
  detail: string;
  extension: string;
  filterName: string;
}

export const FORMAT_CHOICES: readonly FormatChoice[] = [
  { format: 'jsonl', label: 'Ratings (JSON Lines)', detail: 'Every rating with its rubric version, rater, model, generation parameters, ROUGE and accuracy', extension: 'jsonl', filterName: 'JSON Lines' },
  { format: 'csv', label: 'Ratings (CSV)', detail: 'The same, one row per rating and one column per axis, for spreadsheets and R', extension: 'csv', filterName: 'CSV' },
  { format: 'dpo', label: 'Preference pairs (DPO)', detail: '{prompt, chosen, rejected} from pairwise preferences, else from overall-score differences', extension: 'jsonl', filterName: 'JSON Lines' },
  { format: 'sft', label: 'Fine-tuning set (SFT)', detail: '{prompt, completion} for answers whose mean overall score is at least 4', extension: 'jsonl', filterName: 'JSON Lines' },
  { format: 'summary-md', label: 'Per-model summary (Markdown)', detail: 'Means per axis with bootstrap 95% intervals, harm rates, ROUGE, accuracy, agreement', extension: 'md', filterName: 'Markdown' },
  { format: 'summary-csv', label: 'Per-model summary (CSV)', detail: 'The summary as a table', extension: 'csv', filterName: 'CSV' },
];

/** An option of an export, offered in a multi-select quick pick where it applies to the format. */
export interface OptionChoice {
  id: 'twoRaters' | 'includeTies' | 'withReasoning';
  label: string;
  detail: string;
  formats: readonly ExportFormatName[];
}

export const OPTION_CHOICES: readonly OptionChoice[] = [
  { id: 'twoRaters', label: 'Only answers rated by two or more raters', detail: 'For agreement studies: answers with a single rating are left out', formats: ['jsonl', 'csv', 'dpo', 'sft', 'summary-md', 'summary-csv'] },
  { id: 'includeTies', label: 'Include ties and both-bad pairs', detail: 'Written with their label; left out by default', formats: ['dpo'] },
  { id: 'withReasoning', label: 'Put the reasoning into completions', detail: 'Wrapped in <think>...</think> before the answer; left out by default', formats: ['dpo', 'sft'] },
];

export function formatChoice(format: ExportFormatName): FormatChoice {
  return FORMAT_CHOICES.find((c) => c.format === format) ?? FORMAT_CHOICES[0]!;
}

export function optionsFor(format: ExportFormatName): OptionChoice[] {
  return OPTION_CHOICES.filter((o) => o.formats.includes(format));
}

/** A file name that says what it holds and when it was made: `medreview-dpo-2026-11-25.jsonl`. */
export function suggestedFileName(format: ExportFormatName, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `medreview-${format}-${day}.${formatChoice(format).extension}`;
}

/** The export request for a format, a file and the options ticked. */
export function exportParams(format: ExportFormatName, path: string, ticked: ReadonlySet<OptionChoice['id']>): ExportParams {
  const params: ExportParams = { format, path };
  if (ticked.has('twoRaters')) params.minRaters = 2;
  if (ticked.has('includeTies')) params.includeTies = true;
  if (ticked.has('withReasoning')) params.withReasoning = true;
  return params;
}

/** "1 rating", "2 ratings". */
function count(n: number, [one, many]: readonly [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

const WRITTEN: Record<ExportFormatName, readonly [string, string]> = {
  jsonl: ['rating', 'ratings'],
  csv: ['row', 'rows'],
  dpo: ['pair', 'pairs'],
  sft: ['completion', 'completions'],
  'summary-md': ['summary', 'summaries'],
  'summary-csv': ['row', 'rows'],
};

/** One line for the notification after an export. */
export function exportedMessage(r: { format: ExportFormatName; written: number; ratings: number; questions: number; skipped: Record<string, number> }, fileName: string): string {
  const left = Object.values(r.skipped).reduce((a, b) => a + b, 0);
  const head = r.format === 'summary-md' ? `Exported the summary of ${count(r.ratings, ['rating', 'ratings'])}` : `Exported ${count(r.written, WRITTEN[r.format])}`;
  return `${head} (${count(r.questions, ['question', 'questions'])}) to ${fileName}${left ? `; ${left} left out by the rules` : ''}.`;
}
