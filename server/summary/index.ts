/**
 * The per-model summary of a study (issue 6 export, issue 8 summary view): means per axis with seeded
 * bootstrap 95% intervals, nominal distributions, harm rates, the overall score, ROUGE means, accuracy and
 * agreement between raters, from plain data, with deterministic Markdown and CSV renderers.
 */
export * from './types';
export { summarizeStudy, summarizeStudyAlongside, type RougeMeansOf, type TakenInput } from './summarize';
export { codedAxes, RatingIntake } from './ratingIntake';
export { rougeByModel, type RougeByModel } from './rougeMeans';
export { codeAxis, codeValue, isHarmful } from './coding';
export { renderSummaryMarkdown } from './markdown';
export { summaryTables, axisTitle, NO_FIGURE, type SummaryTable } from './summaryTables';
export { renderSummaryCsv, SUMMARY_CSV_COLUMNS, guardFormula as guardCsvFormula, quote as quoteCsvField, cellText as csvCellText } from './csv';
export { formatNumber, formatInterval, formatProportion, formatAgreement, axisStyle, rangeText, fixed, type NumberStyle } from './numberText';
export { escapeMarkdown } from './markdownTable';
