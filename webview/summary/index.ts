/**
 * The summary view of the panel (issue 8): tables and bar charts with 95% interval whiskers, and the
 * export of the summary as Markdown, CSV, SVG and PNG. The chart model, the SVG builder and the palette are
 * pure and unit-tested; the view, the theme lookup and the PNG rendering need a browser.
 */
export { summaryView, type SummaryViewProps } from './summaryView';
export { summaryCharts, type BarChart, type BarSeries, type BarValue } from './chartModel';
export { barChartSvg, describeChart, type ChartPaint, type SvgOptions } from './barChartSvg';
export { standaloneChartSvg, chartPixelSize, chartFileName } from './chartExport';
export { resolvePalette, safeColour, PRINT_PALETTE, SERIES_VARIABLES, type ChartPalette, type ThemeLookup } from './palette';
export { currentThemePalette } from './themePalette';
export { svgToPngBase64 } from './pngExport';
export { chartFile, summaryDocumentFile, type SummaryExportFile, type ExportColours } from './exportFiles';
