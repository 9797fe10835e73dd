import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { summaryTables, type SummaryTable } from '../../server/summary/summaryTables';
import type { StudySummary } from '../../server/summary/types';
import { barChartSvg } from './barChartSvg';
import { summaryCharts, type BarChart } from './chartModel';
import { chartFile, summaryDocumentFile, type ExportColours, type SummaryExportFile } from './exportFiles';

export interface SummaryViewProps {
  summary: StudySummary;
  /** Colours of exported charts; view state the panel keeps across reloads. */
  exportColours: ExportColours;
  onExportColours: (colours: ExportColours) => void;
  /** A file is ready: the panel sends it to the extension, which shows a save dialog. */
  onExport: (file: SummaryExportFile) => void;
  onExportError: (message: string) => void;
}

/**
 * The summary view: per model, the tables of the Markdown export and one bar chart with 95% interval
 * whiskers per measure group. Charts are inline SVG coloured by the theme; the SVG string is built by
 * escaping every text (model names are untrusted), so it is inserted as markup.
 */
export function summaryView(props: SummaryViewProps): TemplateResult {
  const { summary } = props;
  const charts = summaryCharts(summary);
  return html`<section class="summary" aria-labelledby="summary-heading">
    <header class="summary-header">
      <h2 id="summary-heading">Summary: ${summary.rubric.title}</h2>
      <p class="summary-meta">
        ${summary.models.length === 1 ? '1 model' : `${summary.models.length} models`} · rubric ${summary.rubric.id} ${summary.rubric.version} · 95% intervals: bootstrap over answers (${summary.settings.resamples}
        resamples, seed ${summary.settings.seed}) for means, Wilson for shares
      </p>
      ${toolbar(props)}
    </header>
    ${summary.models.length === 0 ? html`<p class="empty">No ratings, ROUGE scores or accuracy figures yet.</p>` : nothing}
    <div class="summary-charts">${charts.map((chart) => chartFigure(chart, props))}</div>
    ${summaryTables(summary).map(tableView)} ${issuesView(summary)}
  </section>`;
}

function toolbar(props: SummaryViewProps): TemplateResult {
  const exportDocument = (format: 'markdown' | 'csv'): void => props.onExport(summaryDocumentFile(props.summary, format));
  return html`<div class="summary-toolbar" role="group" aria-label="Export the summary">
    <vscode-button @click=${() => exportDocument('markdown')}>Export Markdown</vscode-button>
    <vscode-button secondary @click=${() => exportDocument('csv')}>Export CSV</vscode-button>
    <label class="summary-colours"
      >Chart colours in exported files
      <select
        .value=${props.exportColours}
        @change=${(e: Event) => props.onExportColours((e.target as HTMLSelectElement).value === 'theme' ? 'theme' : 'print')}
      >
        <option value="print" ?selected=${props.exportColours === 'print'}>Print (white background)</option>
        <option value="theme" ?selected=${props.exportColours === 'theme'}>Current theme</option>
      </select>
    </label>
  </div>`;
}

function chartFigure(chart: BarChart, props: SummaryViewProps): TemplateResult {
  const exportChart = (format: 'svg' | 'png'): void => {
    chartFile(chart, format, props.exportColours).then(props.onExport, (err: unknown) => props.onExportError(err instanceof Error ? err.message : String(err)));
  };
  return html`<figure class="summary-chart" data-chart=${chart.id}>
    ${unsafeHTML(barChartSvg(chart, { paint: { kind: 'theme' }, idPrefix: 'summary' }))}
    <figcaption class="summary-chart-actions">
      <vscode-button secondary @click=${() => exportChart('svg')} aria-label=${`Export chart "${chart.title}" as SVG`}>SVG</vscode-button>
      <vscode-button secondary @click=${() => exportChart('png')} aria-label=${`Export chart "${chart.title}" as PNG`}>PNG</vscode-button>
    </figcaption>
  </figure>`;
}

function tableView(table: SummaryTable): TemplateResult {
  const [first, ...columns] = table.header;
  return html`<div class="summary-table-wrap" data-table=${table.id}>
    <table class="summary-table">
      <caption>
        ${table.title}${table.note ? html`<span class="summary-note">${table.note}</span>` : nothing}
      </caption>
      <thead>
        <tr>
          <th scope="col">${first}</th>
          ${columns.map((c) => html`<th scope="col">${c}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => html`<td>${c}</td>`)}</tr>`)}
      </tbody>
    </table>
  </div>`;
}

function issuesView(summary: StudySummary): TemplateResult | typeof nothing {
  if (summary.issues.length === 0) return nothing;
  return html`<details class="summary-issues">
    <summary>${summary.issues.length} input values left out</summary>
    <ul>
      ${summary.issues.slice(0, 200).map((i) => html`<li><code>${i.field}</code>: ${i.message}</li>`)}
    </ul>
  </details>`;
}
