import { defaultCohenWeights } from '../agreement/report';
import type { AgreementEntry, MeanEstimate, ModelSummary, ProportionEstimate, StudySummary } from './types';

/** The columns of the summary CSV, one row per model x measure. */
export const SUMMARY_CSV_COLUMNS = ['scope', 'model', 'group', 'measure', 'label', 'statistic', 'estimate', 'ci_low', 'ci_high', 'n', 'count', 'note'] as const;

type Column = (typeof SUMMARY_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | null>>;

/**
 * The summary as CSV for scripts (pandas, R): one row per model and measure, numbers rounded to 6
 * decimals, empty where a figure does not exist. `scope` is `model` for a model's rows and `all` for
 * agreement over all models (whose `model` is empty). Deterministic, `\n` line ends, RFC 4180 quoting.
 */
export function renderSummaryCsv(summary: StudySummary): string {
  const rows: Row[] = [];
  for (const model of summary.models) rows.push(...modelRows(summary, model));
  for (const entry of summary.pooledAgreement) rows.push(...agreementRows(summary, entry, { scope: 'all', model: '' }));
  const lines = [SUMMARY_CSV_COLUMNS.join(','), ...rows.map((row) => SUMMARY_CSV_COLUMNS.map((c) => cell(row[c])).join(','))];
  return `${lines.join('\n')}\n`;
}

function modelRows(summary: StudySummary, m: ModelSummary): Row[] {
  const base = { scope: 'model', model: m.model };
  const rows: Row[] = [
    { ...base, group: 'counts', measure: 'answers', label: 'Answers rated', statistic: 'count', estimate: m.answers },
    { ...base, group: 'counts', measure: 'ratings', label: 'Ratings', statistic: 'count', estimate: m.ratings },
    { ...base, group: 'counts', measure: 'raters', label: 'Raters', statistic: 'count', estimate: m.raters },
    { ...base, group: 'rating', measure: 'overall', label: summary.rubric.overallLabel, statistic: 'mean', ...mean(m.overall) },
  ];
  summary.codings.forEach((coding, i) => {
    const axis = m.axes[i];
    if (axis?.measure === 'mean') {
      rows.push({ ...base, group: 'rating', measure: coding.axisId, label: coding.label, statistic: 'mean', ...mean(axis.mean) });
    } else if (axis?.measure === 'distribution') {
      for (const choice of axis.choices) {
        const measure = `${coding.axisId}=${String(choice.value)}`;
        rows.push({ ...base, group: 'choice', measure, label: `${coding.label}: ${choice.label}`, statistic: 'share', ...proportion(choice.share) });
      }
    }
  });
  for (const h of m.harm) {
    const label = summary.codings.find((c) => c.axisId === h.axisId)?.label ?? h.axisId;
    rows.push({ ...base, group: 'harm', measure: h.axisId, label, statistic: 'rate', ...proportion(h.rate) });
  }
  if (m.rouge) {
    const labels = { rouge1: 'ROUGE-1 F-measure', rouge2: 'ROUGE-2 F-measure', rougeL: 'ROUGE-L F-measure' } as const;
    for (const key of ['rouge1', 'rouge2', 'rougeL'] as const) {
      rows.push({ ...base, group: 'rouge', measure: key, label: labels[key], statistic: 'mean', ...mean(m.rouge[key]) });
    }
  }
  if (m.accuracy) {
    rows.push({ ...base, group: 'accuracy', measure: 'accuracy', label: 'Accuracy', statistic: 'proportion', ...proportion(m.accuracy.accuracy) });
    rows.push({ ...base, group: 'accuracy', measure: 'unextractable', label: 'Unextractable answers', statistic: 'count', estimate: m.accuracy.unextractable, n: m.accuracy.total });
  }
  for (const entry of m.agreement) rows.push(...agreementRows(summary, entry, base));
  return rows;
}

function agreementRows(summary: StudySummary, entry: AgreementEntry, base: Row): Row[] {
  const label = entry.axisId === 'overall' ? summary.rubric.overallLabel : (summary.codings.find((c) => c.axisId === entry.axisId)?.label ?? entry.axisId);
  const common = { ...base, group: 'agreement', measure: entry.axisId, label, n: entry.units };
  const rows: Row[] = [
    { ...common, statistic: 'krippendorff_alpha', estimate: entry.krippendorffAlpha, note: entry.alphaReason ?? `level=${entry.level}` },
  ];
  // Kappa exists only for two raters; a row for it elsewhere would only say "not applicable".
  if (entry.raters === 2) {
    rows.push({ ...common, statistic: 'cohen_kappa', estimate: entry.cohenKappa, note: entry.kappaReason ?? `weights=${weightsName(entry)}` });
  }
  return rows;
}

function weightsName(entry: AgreementEntry): string {
  const weights = defaultCohenWeights(entry.level);
  return typeof weights === 'string' ? weights : 'custom';
}

function mean(e: MeanEstimate | null): Row {
  return e ? { estimate: e.estimate, ci_low: e.low, ci_high: e.high, n: e.n } : { n: 0 };
}

function proportion(p: ProportionEstimate | null): Row {
  return p ? { estimate: p.estimate, ci_low: p.low, ci_high: p.high, n: p.trials, count: p.successes } : { n: 0 };
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Number(value.toFixed(6)));
  return quote(guardFormula(value));
}

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula; model names and labels are untrusted,
 * so such text gets a leading apostrophe (numbers are written as numbers and never pass here).
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a quote, comma or line break is quoted, its quotes doubled. */
export function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A cell of the ratings export (server/export/csvColumns.ts): numbers and booleans as written, null as
 * empty, lists and objects as JSON, and text guarded against spreadsheet formulas and quoted as above.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quote(guardFormula(value));
  return quote(JSON.stringify(value));
}
