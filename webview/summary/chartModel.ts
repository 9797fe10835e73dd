import { ROUGE_NAMES } from '../../server/metrics/rouge/types';
import { rangeText, type NumberStyle } from '../../server/summary/numberText';
import type { AxisCoding, MeanEstimate, ModelSummary, ProportionEstimate, StudySummary } from '../../server/summary/types';

/** A bar's value and its 95% interval; `n` is the sample behind it. */
export interface BarValue {
  estimate: number;
  low: number;
  high: number;
  n: number;
}

export interface BarSeries {
  model: string;
  /** Position of the model in the summary: the same model has the same colour in every chart. */
  colourIndex: number;
  /** One per category; null where the model has no data. */
  values: (BarValue | null)[];
}

/** One chart of one measure group: categories down the side, a bar per model in each. */
export interface BarChart {
  id: string;
  title: string;
  /** What is plotted and how the intervals were made, shown under the title and read by screen readers. */
  note: string;
  style: NumberStyle;
  domain: [number, number];
  categories: { id: string; label: string }[];
  series: BarSeries[];
}

const BOOTSTRAP_NOTE = 'Mean over answers with 95% bootstrap interval';
const WILSON_NOTE = 'Share of ratings with 95% Wilson interval';

/**
 * The charts of a summary, one per measure group: overall score, ordered axes grouped by scale, yes/no
 * axes, each nominal axis, harm rates, ROUGE and accuracy. Groups without any data are left out.
 */
export function summaryCharts(summary: StudySummary): BarChart[] {
  const charts: BarChart[] = [overallChart(summary), ...scaleCharts(summary), yesNoChart(summary), ...nominalCharts(summary), harmChart(summary), rougeChart(summary), accuracyChart(summary)];
  return charts.filter((c) => c.categories.length > 0 && c.series.some((s) => s.values.some((v) => v !== null)));
}

function series(summary: StudySummary, valuesOf: (m: ModelSummary) => (BarValue | null)[]): BarSeries[] {
  return summary.models.map((m, i) => ({ model: m.model, colourIndex: i, values: valuesOf(m) }));
}

function fromMean(e: MeanEstimate | null | undefined): BarValue | null {
  return e ? { estimate: e.estimate, low: e.low, high: e.high, n: e.n } : null;
}

function fromProportion(p: ProportionEstimate | null | undefined): BarValue | null {
  return p ? { estimate: p.estimate, low: p.low, high: p.high, n: p.trials } : null;
}

function overallChart(summary: StudySummary): BarChart {
  const label = summary.rubric.overallLabel;
  return {
    id: 'overall',
    title: `${label} (1–5)`,
    note: BOOTSTRAP_NOTE,
    style: 'score',
    domain: [1, 5],
    categories: [{ id: 'overall', label }],
    series: series(summary, (m) => [fromMean(m.overall)]),
  };
}

function axisMean(m: ModelSummary, axisId: string): BarValue | null {
  const axis = m.axes.find((a) => a.axisId === axisId);
  return axis?.measure === 'mean' ? fromMean(axis.mean) : null;
}

/** Ordinal and interval axes that share a coded range share a chart, so their bars compare on one axis. */
function scaleCharts(summary: StudySummary): BarChart[] {
  const groups = new Map<string, AxisCoding[]>();
  for (const c of summary.codings) {
    if (c.kind !== 'ordinal' && c.kind !== 'interval') continue;
    const key = `${c.min}:${c.max}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((codings) => {
    const first = codings[0]!;
    const range = rangeText(first.min, first.max);
    return {
      id: `scale-${first.axisId}`,
      title: codings.length === 1 ? `${first.label} (${range})` : `Mean rating, scale ${range}`,
      note: `${BOOTSTRAP_NOTE}; ${codingNote(codings)}`,
      style: 'score' as const,
      domain: [first.min, first.max] as [number, number],
      categories: codings.map((c) => ({ id: c.axisId, label: c.label })),
      series: series(summary, (m) => codings.map((c) => axisMean(m, c.axisId))),
    };
  });
}

function codingNote(codings: readonly AxisCoding[]): string {
  const ordinal = codings.filter((c) => c.kind === 'ordinal');
  if (ordinal.length === 0) return 'values as rated';
  const first = ordinal[0]!;
  const same = ordinal.every((c) => c.choices.length === first.choices.length);
  const example = first.choices.map((ch) => `${ch.label} = ${ch.code}`).join(', ');
  return same && ordinal.length > 1 ? `choices coded in rubric order (e.g. ${example})` : `coded ${example}`;
}

function yesNoChart(summary: StudySummary): BarChart {
  const codings = summary.codings.filter((c) => c.kind === 'boolean');
  return {
    id: 'yes-no',
    title: 'Share of answers rated "yes"',
    note: `${BOOTSTRAP_NOTE} (yes = 1, no = 0)`,
    style: 'percent',
    domain: [0, 1],
    categories: codings.map((c) => ({ id: c.axisId, label: c.label })),
    series: series(summary, (m) => codings.map((c) => axisMean(m, c.axisId))),
  };
}

function nominalCharts(summary: StudySummary): BarChart[] {
  return summary.codings
    .filter((c) => c.kind === 'nominal')
    .map((coding) => ({
      id: `choices-${coding.axisId}`,
      title: coding.label,
      note: WILSON_NOTE,
      style: 'percent' as const,
      domain: [0, 1] as [number, number],
      categories: coding.choices.map((ch) => ({ id: `${coding.axisId}=${String(ch.value)}`, label: ch.label })),
      series: series(summary, (m) => {
        const axis = m.axes.find((a) => a.axisId === coding.axisId);
        return coding.choices.map((_, i) => (axis?.measure === 'distribution' ? fromProportion(axis.choices[i]?.share) : null));
      }),
    }));
}

function harmChart(summary: StudySummary): BarChart {
  const codings = summary.codings.filter((c) => c.harm);
  return {
    id: 'harm',
    title: 'Possible harm',
    note: `${WILSON_NOTE} above the harmless end of each axis`,
    style: 'percent',
    domain: [0, 1],
    categories: codings.map((c) => ({ id: c.axisId, label: c.label })),
    series: series(summary, (m) => codings.map((c) => fromProportion(m.harm.find((h) => h.axisId === c.axisId)?.rate))),
  };
}

function rougeChart(summary: StudySummary): BarChart {
  const keys = ['rouge1', 'rouge2', 'rougeL'] as const;
  return {
    id: 'rouge',
    title: 'ROUGE F-measure',
    note: `${BOOTSTRAP_NOTE} against the reference`,
    style: 'rouge',
    domain: [0, 1],
    categories: keys.map((k) => ({ id: k, label: ROUGE_NAMES[k] })),
    series: series(summary, (m) => keys.map((k) => fromMean(m.rouge?.[k]))),
  };
}

function accuracyChart(summary: StudySummary): BarChart {
  return {
    id: 'accuracy',
    title: 'Accuracy',
    note: 'Share of answers correct (unextractable counts as wrong) with 95% Wilson interval',
    style: 'percent',
    domain: [0, 1],
    categories: [{ id: 'accuracy', label: 'Accuracy' }],
    series: series(summary, (m) => [fromProportion(m.accuracy?.accuracy)]),
  };
}
