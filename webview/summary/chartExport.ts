import { barChartSvg } from './barChartSvg';
import type { BarChart } from './chartModel';
import { layoutChart } from './chartLayout';
import { PRINT_PALETTE, type ChartPalette } from './palette';

/**
 * A standalone SVG file of one chart: concrete colours (a file outside VS Code has no theme variables),
 * sizes in pixels, an XML declaration. Pure, so it is the same in the panel and in a test.
 */
export function standaloneChartSvg(chart: BarChart, palette: ChartPalette = PRINT_PALETTE): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${barChartSvg(chart, { paint: { kind: 'palette', palette }, idPrefix: 'medreview' })}\n`;
}

/** Pixel size of the standalone SVG, for rendering it into a canvas. */
export function chartPixelSize(chart: BarChart): { width: number; height: number } {
  const { width, height } = layoutChart(chart);
  return { width, height };
}

/** A file name for a chart: "summary-harm.svg"; ids are ASCII already, anything else is replaced. */
export function chartFileName(chart: BarChart, extension: 'svg' | 'png'): string {
  return `summary-${chart.id.replace(/[^A-Za-z0-9_-]+/g, '-')}.${extension}`;
}
