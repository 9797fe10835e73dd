import type { BarChart } from './chartModel';
import { EM, layoutChart, type BarRow, type ChartLayout, type TextBlock } from './chartLayout';
import { SERIES_COUNT, type ChartPalette } from './palette';
import { escapeXml } from './svgText';

/**
 * How the chart gets its colours: `theme` for the panel (CSS classes that summary.css maps to VS Code's
 * theme variables, sized in em so it follows zoom; no style attributes, which the panel's CSP refuses), or a
 * concrete palette for a file that must look the same outside VS Code.
 */
export type ChartPaint = { kind: 'theme' } | { kind: 'palette'; palette: ChartPalette };

export interface SvgOptions {
  paint: ChartPaint;
  /** Prefix of the ids inside the SVG, unique in the page (several charts share one document). */
  idPrefix?: string;
}

/** The chart as an SVG element; pure string building from the chart data. */
export function barChartSvg(chart: BarChart, options: SvgOptions): string {
  const layout = layoutChart(chart);
  const paint = painter(options.paint);
  const id = `${options.idPrefix ?? 'mr-chart'}-${chart.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const { width, height } = layout;
  const size = options.paint.kind === 'theme' ? `width="${num(width / EM)}em" height="${num(height / EM)}em"` : `width="${width}" height="${height}"`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" ${size} role="img" aria-labelledby="${id}-title ${id}-desc" class="mr-chart" font-size="${EM}"${paint.root}>`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(describeChart(chart, layout))}</desc>`,
    paint.background(width, height),
    text(layout.title, paint, 'mr-title', 'bold'),
    text(layout.note, paint, 'mr-note'),
    grid(layout, paint),
    ...layout.categoryLabels.map((c) => `<text x="${num(layout.labelX)}" y="${num(c.y)}" class="mr-category" font-weight="bold"${paint.text}>${escapeXml(c.label)}</text>`),
    ...layout.rows.map((row) => barRow(row, layout, paint)),
    '</svg>',
  ].join('\n');
}

/** The text a screen reader reads for the chart: every figure, since the bars themselves are not read. */
export function describeChart(chart: BarChart, layout: ChartLayout = layoutChart(chart)): string {
  const parts = layout.rows.map((r) => (chart.categories.length > 1 ? `${r.category}, ${r.model}: ${r.valueText}` : `${r.model}: ${r.valueText}`));
  return `${chart.note}. ${parts.join('; ')}.`;
}

interface Painter {
  root: string;
  text: string;
  muted: string;
  grid: string;
  whisker: string;
  bar(colourIndex: number): string;
  background(width: number, height: number): string;
}

function painter(paint: ChartPaint): Painter {
  if (paint.kind === 'theme') {
    return {
      root: '',
      text: ' fill="currentColor"',
      muted: ' fill="currentColor"',
      grid: '',
      whisker: ' stroke="currentColor"',
      bar: (i) => ` class="mr-bar mr-series-${i % SERIES_COUNT}"`,
      background: () => '',
    };
  }
  const p = paint.palette;
  const colour = (c: string): string => escapeXml(c);
  return {
    root: ` font-family="${escapeXml(p.fontFamily)}"`,
    text: ` fill="${colour(p.foreground)}"`,
    muted: ` fill="${colour(p.foreground)}" fill-opacity="0.8"`,
    grid: ` stroke="${colour(p.grid)}"`,
    whisker: ` stroke="${colour(p.foreground)}"`,
    bar: (i) => ` class="mr-bar" fill="${colour(p.series[i % p.series.length] ?? p.foreground)}"`,
    background: (w, h) => (p.background ? `<rect width="${w}" height="${h}" fill="${colour(p.background)}"/>` : ''),
  };
}

function text(block: TextBlock, paint: Painter, className: string, weight?: string): string {
  const fill = className === 'mr-note' ? paint.muted : paint.text;
  const bold = weight ? ` font-weight="${weight}"` : '';
  return block.lines
    .map((line, i) => `<text x="${num(block.x)}" y="${num(block.y + i * block.lineHeight)}" font-size="${block.size}" class="${className}"${bold}${fill}>${escapeXml(line)}</text>`)
    .join('\n');
}

function grid(layout: ChartLayout, paint: Painter): string {
  const { plot } = layout;
  const lines = layout.ticks.map(
    (t) =>
      `<line x1="${num(t.x)}" y1="${num(plot.top)}" x2="${num(t.x)}" y2="${num(plot.bottom)}" class="mr-grid" stroke-width="1"${paint.grid}/>` +
      `<text x="${num(t.x)}" y="${num(layout.tickLabelY)}" text-anchor="middle" class="mr-tick"${paint.text}>${escapeXml(t.label)}</text>`,
  );
  return [`<g class="mr-axis" aria-hidden="true">`, ...lines, '</g>'].join('\n');
}

function barRow(row: BarRow, layout: ChartLayout, paint: Painter): string {
  const mid = row.barY + row.barHeight / 2;
  const cap = row.barHeight * 0.35;
  const parts = [
    `<g class="mr-row">`,
    `<title>${escapeXml(`${row.model}: ${row.category}: ${row.valueText}${row.value ? ` (n = ${row.value.n})` : ''}`)}</title>`,
    `<text x="${num(layout.labelX)}" y="${num(row.labelY)}" class="mr-label"${paint.text}>${escapeXml(row.shownModel)}</text>`,
  ];
  if (row.value) {
    parts.push(
      `<rect x="${num(row.barX)}" y="${num(row.barY)}" width="${num(Math.max(0, row.barWidth))}" height="${num(row.barHeight)}"${paint.bar(row.colourIndex)}/>`,
      `<path class="mr-whisker" d="M${num(row.lowX)} ${num(mid)}H${num(row.highX)}M${num(row.lowX)} ${num(mid - cap)}V${num(mid + cap)}M${num(row.highX)} ${num(mid - cap)}V${num(mid + cap)}" fill="none" stroke-width="1.5"${paint.whisker}/>`,
    );
  }
  parts.push(`<text x="${num(layout.valueX)}" y="${num(row.labelY)}" class="mr-value"${row.value ? paint.text : paint.muted}>${escapeXml(row.valueText)}</text>`, '</g>');
  return parts.join('');
}

/** Coordinates with at most two decimals, so the text is short and the same on every machine. */
function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}
