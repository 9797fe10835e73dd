import { ROUGE_NAMES } from '../metrics/rouge/types';
import { axisStyle, formatAgreement, formatInterval, formatProportion, rangeText } from './numberText';
import type { AgreementEntry, AxisCoding, ModelSummary, StudySummary } from './types';

/**
 * A table of the summary, models as columns, independent of how it is shown: the Markdown export and the
 * panel's summary view draw the same tables. Row labels and headers are plain (untrusted) text; cells are
 * figures formatted here, or "–" where there is no figure.
 */
export interface SummaryTable {
  id: string;
  title: string;
  note?: string;
  /** The first column's heading, then one per model (and "All models" for agreement). */
  header: string[];
  rows: { label: string; cells: string[] }[];
}

export const NO_FIGURE = '–';

export function summaryTables(summary: StudySummary): SummaryTable[] {
  const tables = [ratingsTable(summary), ...nominalTables(summary), harmTable(summary), rougeTable(summary), accuracyTable(summary), agreementTable(summary)];
  return tables.filter((t): t is SummaryTable => t !== undefined);
}

/** "Extent of possible harm (0–2)", "Correct recall (% yes)". */
export function axisTitle(coding: AxisCoding): string {
  return coding.kind === 'boolean' ? `${coding.label} (% yes)` : `${coding.label} (${rangeText(coding.min, coding.max)})`;
}

function header(summary: StudySummary, first: string): string[] {
  return [first, ...summary.models.map((m) => m.model)];
}

function row(summary: StudySummary, label: string, cell: (m: ModelSummary) => string | null | undefined): SummaryTable['rows'][number] {
  return { label, cells: summary.models.map((m) => cell(m) ?? NO_FIGURE) };
}

function ratingsTable(summary: StudySummary): SummaryTable {
  const rows = [
    row(summary, 'Answers rated', (m) => String(m.answers)),
    row(summary, 'Ratings', (m) => String(m.ratings)),
    row(summary, 'Raters', (m) => String(m.raters)),
    row(summary, `${summary.rubric.overallLabel} (1–5)`, (m) => m.overall && formatInterval(m.overall, 'score')),
  ];
  summary.codings.forEach((coding, i) => {
    if (coding.kind === 'nominal') return;
    rows.push(
      row(summary, axisTitle(coding), (m) => {
        const axis = m.axes[i];
        return axis?.measure === 'mean' && axis.mean ? formatInterval(axis.mean, axisStyle(coding)) : null;
      }),
    );
  });
  return { id: 'ratings', title: 'Ratings', header: header(summary, 'Measure'), rows };
}

function nominalTables(summary: StudySummary): SummaryTable[] {
  return summary.codings.flatMap((coding, i) => {
    if (coding.kind !== 'nominal') return [];
    const rows = coding.choices.map((choice, c) =>
      row(summary, choice.label, (m) => {
        const axis = m.axes[i];
        const share = axis?.measure === 'distribution' ? axis.choices[c]?.share : null;
        return share && formatProportion(share);
      }),
    );
    return [{ id: `choices-${coding.axisId}`, title: coding.label, header: header(summary, 'Choice'), rows }];
  });
}

function harmTable(summary: StudySummary): SummaryTable | undefined {
  const harmAxes = summary.codings.filter((c) => c.harm);
  if (harmAxes.length === 0) return undefined;
  const rows = harmAxes.map((coding) =>
    row(summary, `${coding.label}: above "${harmlessLabel(coding)}"`, (m) => {
      const rate = m.harm.find((h) => h.axisId === coding.axisId)?.rate;
      return rate && formatProportion(rate);
    }),
  );
  return { id: 'harm', title: 'Possible harm', note: 'Share of ratings above the harmless end of each harm axis.', header: header(summary, 'Measure'), rows };
}

function harmlessLabel(coding: AxisCoding): string {
  if (coding.kind === 'interval') return String(coding.min);
  if (coding.kind === 'boolean') return coding.choices.find((c) => c.value === false)?.label ?? 'No';
  return coding.choices[0]?.label ?? '';
}

function rougeTable(summary: StudySummary): SummaryTable | undefined {
  if (!summary.models.some((m) => m.rouge)) return undefined;
  const figure = (key: 'rouge1' | 'rouge2' | 'rougeL') => (m: ModelSummary) => m.rouge && formatInterval(m.rouge[key], 'rouge');
  const rows = [
    row(summary, 'Answers scored', (m) => String(m.rouge?.answers ?? 0)),
    row(summary, ROUGE_NAMES.rouge1, figure('rouge1')),
    row(summary, ROUGE_NAMES.rouge2, figure('rouge2')),
    row(summary, ROUGE_NAMES.rougeL, figure('rougeL')),
  ];
  return { id: 'rouge', title: 'ROUGE (F-measure)', header: header(summary, 'Measure'), rows };
}

function accuracyTable(summary: StudySummary): SummaryTable | undefined {
  if (!summary.models.some((m) => m.accuracy)) return undefined;
  const rows = [
    row(summary, 'Accuracy', (m) => m.accuracy?.accuracy && formatProportion(m.accuracy.accuracy)),
    row(summary, 'Unextractable answers', (m) => m.accuracy && String(m.accuracy.unextractable)),
  ];
  return { id: 'accuracy', title: 'Accuracy', note: 'Unextractable answers count as not correct.', header: header(summary, 'Measure'), rows };
}

function agreementTable(summary: StudySummary): SummaryTable {
  const labels = new Map(summary.codings.map((c) => [c.axisId, c.label]));
  const label = (entry: AgreementEntry): string => (entry.axisId === 'overall' ? summary.rubric.overallLabel : (labels.get(entry.axisId) ?? entry.axisId));
  const rows = summary.pooledAgreement.map((pooled, i) => ({
    label: label(pooled),
    cells: [...summary.models.map((m) => (m.agreement[i] ? formatAgreement(m.agreement[i]) : NO_FIGURE)), formatAgreement(pooled)],
  }));
  return {
    id: 'agreement',
    title: 'Agreement between raters',
    note:
      "Krippendorff's α at each axis's level of measurement; Cohen's κ where exactly two raters rated the same answers " +
      '(unweighted on nominal and yes/no axes, linear weights on ordinal scales, quadratic on interval scales). ' +
      'Only answers rated by at least two raters count; n is their number.',
    header: [...header(summary, 'Axis'), 'All models'],
    rows,
  };
}
