import { renderSummaryCsv } from '../../server/summary/csv';
import { renderSummaryMarkdown } from '../../server/summary/markdown';
import type { StudySummary } from '../../server/summary/types';
import { chartFileName, chartPixelSize, standaloneChartSvg } from './chartExport';
import type { BarChart } from './chartModel';
import { PRINT_PALETTE } from './palette';
import { svgToPngBase64 } from './pngExport';
import { currentThemePalette } from './themePalette';

/** A file the panel hands to the extension, which asks where to save it. */
export interface SummaryExportFile {
  format: 'markdown' | 'csv' | 'svg' | 'png';
  /** Suggested name for the save dialog. */
  fileName: string;
  content: string;
  /** `base64` for PNG; the extension decodes it before writing. */
  encoding: 'utf8' | 'base64';
}

/** `theme`: the colours of the current VS Code theme; `print`: white background and colour-blind-safe bars. */
export type ExportColours = 'theme' | 'print';

export function summaryDocumentFile(summary: StudySummary, format: 'markdown' | 'csv'): SummaryExportFile {
  return format === 'markdown'
    ? { format, fileName: 'summary.md', content: renderSummaryMarkdown(summary), encoding: 'utf8' }
    : { format, fileName: 'summary.csv', content: renderSummaryCsv(summary), encoding: 'utf8' };
}

export async function chartFile(chart: BarChart, format: 'svg' | 'png', colours: ExportColours): Promise<SummaryExportFile> {
  const palette = colours === 'theme' ? currentThemePalette() : PRINT_PALETTE;
  const svg = standaloneChartSvg(chart, palette);
  if (format === 'svg') return { format, fileName: chartFileName(chart, 'svg'), content: svg, encoding: 'utf8' };
  const { width, height } = chartPixelSize(chart);
  return { format, fileName: chartFileName(chart, 'png'), content: await svgToPngBase64(svg, width, height), encoding: 'base64' };
}
