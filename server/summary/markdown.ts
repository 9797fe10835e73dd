import { escapeMarkdown, figure, markdownTable } from './markdownTable';
import { rangeText } from './numberText';
import { summaryTables, type SummaryTable } from './summaryTables';
import type { StudySummary } from './types';

/** Issues listed in full; the rest are counted, so a broken import cannot bury the tables. */
const MAX_ISSUES = 50;

/**
 * The summary as a Markdown document: one table per section with models as columns, ready to paste into
 * a paper draft. Deterministic: the same summary gives the same text, byte for byte.
 */
export function renderSummaryMarkdown(summary: StudySummary): string {
  const sections = [header(summary), ...summaryTables(summary).map(tableSection), codingSection(summary), issuesSection(summary)];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function header(summary: StudySummary): string {
  const { rubric, settings } = summary;
  return [
    `# Summary: ${escapeMarkdown(rubric.title)}`,
    '',
    `Rubric ${escapeMarkdown(rubric.id)} version ${escapeMarkdown(rubric.version)}. ` +
      'Means are taken over answers (the ratings of each answer are averaged first) with 95% percentile bootstrap intervals ' +
      `(${settings.resamples} resamples, seed ${settings.seed}); shares and rates are proportions of ratings with 95% Wilson intervals.`,
  ].join('\n');
}

function tableSection(table: SummaryTable): string {
  // Labels and model names are untrusted text; the figures were formatted by this module.
  const rows = table.rows.map((r) => [r.label, ...r.cells.map(figure)]);
  const note = table.note ? `${escapeMarkdown(table.note)}\n\n` : '';
  return `## ${escapeMarkdown(table.title)}\n\n${note}${markdownTable(table.header, rows)}`;
}

function codingSection(summary: StudySummary): string {
  const lines = summary.codings
    .filter((c) => c.kind !== 'nominal')
    .map((c) => {
      const codes = c.kind === 'interval' ? `values as rated, ${rangeText(c.min, c.max)}` : c.choices.map((ch) => `${escapeMarkdown(ch.label)} = ${ch.code}`).join(', ');
      return `- ${escapeMarkdown(c.label)} (${c.kind}): ${codes}`;
    });
  return lines.length ? `## Coding of the scales\n\n${lines.join('\n')}` : '';
}

function issuesSection(summary: StudySummary): string {
  const { issues } = summary;
  if (issues.length === 0) return '';
  const listed = issues.slice(0, MAX_ISSUES).map((i) => `- \`${i.field.replace(/`/g, '')}\`: ${escapeMarkdown(i.message)}`);
  if (issues.length > MAX_ISSUES) listed.push(`- and ${issues.length - MAX_ISSUES} more`);
  return `## Left out\n\nInput the summary could not use (${issues.length}):\n\n${listed.join('\n')}`;
}
