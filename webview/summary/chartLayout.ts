import { formatInterval } from '../../server/summary/numberText';
import { niceTicks, tickLabel } from './axisTicks';
import type { BarChart, BarValue } from './chartModel';
import { CHAR_EM, cleanLabel, truncate } from './svgText';
import { wrapText } from './textWrap';

/** User units per em: text is 12 units high, so the panel can size the chart in em (see barChartSvg). */
export const EM = 12;
const PAD = EM;
const TITLE_SIZE = 14;
const NOTE_SIZE = 11;
const CATEGORY_H = 20;
const ROW_H = 18;
const BAR_H = 12;
const GROUP_GAP = 8;
const AXIS_H = 26;
const PLOT_W = 320;
const GAP = 10;
/** Model names longer than this are cut in the chart; the full name stays in the row's tooltip. */
export const MAX_LABEL_CHARS = 28;

export interface TextBlock {
  lines: string[];
  x: number;
  /** Baseline of the first line. */
  y: number;
  lineHeight: number;
  size: number;
}

export interface BarRow {
  model: string;
  shownModel: string;
  colourIndex: number;
  category: string;
  labelY: number;
  barY: number;
  barHeight: number;
  value: BarValue | null;
  barX: number;
  barWidth: number;
  lowX: number;
  highX: number;
  valueText: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  title: TextBlock;
  note: TextBlock;
  plot: { x: number; width: number; top: number; bottom: number };
  valueX: number;
  labelX: number;
  ticks: { value: number; x: number; label: string }[];
  tickLabelY: number;
  categoryLabels: { label: string; y: number }[];
  rows: BarRow[];
}

/** Positions of everything in a chart, in user units; pure arithmetic on the chart data. */
export function layoutChart(chart: BarChart): ChartLayout {
  const models = chart.series.map((s) => cleanLabel(s.model));
  const shown = models.map((m) => truncate(m, MAX_LABEL_CHARS));
  const valueTexts = chart.series.flatMap((s) => s.values.map((v) => valueText(chart, v)));
  const labelW = Math.max(4, ...shown.map((m) => [...m].length)) * CHAR_EM * EM;
  const valueW = Math.max(...valueTexts.map((t) => [...t].length), 7) * CHAR_EM * EM;
  const width = Math.ceil(PAD + labelW + GAP + PLOT_W + GAP + valueW + PAD);
  const charsPerLine = (size: number): number => Math.max(20, Math.floor((width - 2 * PAD) / (CHAR_EM * size)));
  const title = block(wrapText(cleanLabel(chart.title), charsPerLine(TITLE_SIZE)), PAD, PAD + TITLE_SIZE, TITLE_SIZE);
  const note = block(wrapText(cleanLabel(chart.note), charsPerLine(NOTE_SIZE)), PAD, blockBottom(title) + NOTE_SIZE + 4, NOTE_SIZE);
  const plotX = PAD + labelW + GAP;
  const scale = (v: number): number => plotX + ((clamp(v, chart.domain) - chart.domain[0]) / (chart.domain[1] - chart.domain[0] || 1)) * PLOT_W;
  const top = blockBottom(note) + 12;
  const withHeadings = chart.categories.length > 1;
  const categoryLabels: ChartLayout['categoryLabels'] = [];
  const rows: BarRow[] = [];
  let y = top;
  chart.categories.forEach((category, c) => {
    if (withHeadings) {
      categoryLabels.push({ label: cleanLabel(category.label), y: y + 14 });
      y += CATEGORY_H;
    }
    chart.series.forEach((s, i) => {
      const value = s.values[c] ?? null;
      const barY = y + (ROW_H - BAR_H) / 2;
      const base = scale(chart.domain[0]);
      rows.push({
        model: models[i] ?? '',
        shownModel: shown[i] ?? '',
        colourIndex: s.colourIndex,
        category: cleanLabel(category.label),
        labelY: y + ROW_H / 2 + 4,
        barY,
        barHeight: BAR_H,
        value,
        barX: base,
        barWidth: value ? scale(value.estimate) - base : 0,
        lowX: value ? scale(value.low) : base,
        highX: value ? scale(value.high) : base,
        valueText: valueText(chart, value),
      });
      y += ROW_H;
    });
    y += GROUP_GAP;
  });
  const bottom = y - GROUP_GAP + 4;
  const ticks = niceTicks(chart.domain[0], chart.domain[1]).map((v) => ({ value: v, x: scale(v), label: tickLabel(v, chart.style) }));
  return {
    width,
    height: Math.ceil(bottom + AXIS_H + PAD / 2),
    title,
    note,
    plot: { x: plotX, width: PLOT_W, top, bottom },
    valueX: plotX + PLOT_W + GAP,
    labelX: PAD,
    ticks,
    tickLabelY: bottom + 16,
    categoryLabels,
    rows,
  };
}

function valueText(chart: BarChart, v: BarValue | null): string {
  return v ? formatInterval(v, chart.style) : 'no data';
}

function block(lines: string[], x: number, y: number, size: number): TextBlock {
  return { lines, x, y, lineHeight: Math.round(size * 1.3), size };
}

function blockBottom(b: TextBlock): number {
  return b.y + (b.lines.length - 1) * b.lineHeight + 4;
}

function clamp(v: number, [min, max]: [number, number]): number {
  return Math.min(max, Math.max(min, v));
}
