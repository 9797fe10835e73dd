import { html, nothing, type TemplateResult } from 'lit';
import { ROUGE_NAMES } from '../../server/metrics/rouge/types';
import type { ListQuestionsResult, QuestionFilters, RaterProgressView } from '../protocol';

export interface ToolbarProps {
  filters: QuestionFilters;
  models: string[];
  progress: RaterProgressView | undefined;
  blind: boolean;
  rougeFilter: ListQuestionsResult['rougeFilter'] | undefined;
  onFilters(f: QuestionFilters): void;
  onUndo(): void;
  onShowShortcuts(): void;
  onShowGuidelines(): void;
  adjudicating: boolean;
  onToggleAdjudication(): void;
  onGenerate(): void;
  summaryOpen: boolean;
  onToggleSummary(): void;
  onExport(): void;
}

function toggle(p: ToolbarProps, key: 'ungraded' | 'flagged' | 'disagreement', label: string, title: string): TemplateResult {
  const on = p.filters[key] === true;
  return html`<button type="button" class=${on ? 'filter on' : 'filter'} aria-pressed=${on ? 'true' : 'false'} title=${title}
    @click=${() => p.onFilters({ ...p.filters, [key]: on ? undefined : true })}>${label}</button>`;
}

/** The thresholds the ROUGE filter offers: below 0.1 an answer shares almost no words with the reference. */
const ROUGE_THRESHOLDS = [0.1, 0.2, 0.3, 0.5];

function rougeSelect(p: ToolbarProps): TemplateResult {
  const name = ROUGE_NAMES[p.rougeFilter?.metric ?? 'rougeL'];
  const unscored = p.filters.lowRouge !== undefined ? (p.rougeFilter?.unscored ?? 0) : 0;
  return html`<select aria-label="Low ROUGE" title=${`Only questions with an answer whose ${name} F-measure against the reference answer is below the value (questions without a reference are left out)`}
      @change=${(e: Event) => {
        const value = Number((e.target as HTMLSelectElement).value);
        p.onFilters({ ...p.filters, lowRouge: value > 0 ? value : undefined });
      }}>
      <option value="" ?selected=${p.filters.lowRouge === undefined}>Any ${name}</option>
      ${ROUGE_THRESHOLDS.map((t) => html`<option value=${String(t)} ?selected=${p.filters.lowRouge === t}>${name} < ${t}</option>`)}
    </select>
    ${unscored ? html`<span class="scoring" role="status">Computing ${name}: ${unscored.toLocaleString('en-US')} answers left</span>` : nothing}`;
}

function percent(done: number, total: number): string {
  return total ? `${Math.round((100 * done) / total)}%` : '0%';
}

/** Progress, filters, and the panel-wide actions. */
export function toolbar(p: ToolbarProps): TemplateResult {
  const pr = p.progress;
  return html`<div class="toolbar" role="toolbar" aria-label="Review tools">
    ${pr
      ? html`<span class="progress" title=${`${pr.gradedQuestions} of ${pr.totalQuestions} questions fully rated by ${pr.rater}`}>
          <progress max=${pr.totalAnswers || 1} value=${pr.gradedAnswers} aria-label="Answers rated"></progress>
          ${pr.gradedAnswers}/${pr.totalAnswers} answers rated (${percent(pr.gradedAnswers, pr.totalAnswers)})
        </span>`
      : nothing}
    <span class="filters" role="group" aria-label="Filters">
      ${toggle(p, 'ungraded', 'Unrated', 'Only questions with answers still for you to rate (answers that already have as many raters as the study asks for are left out)')}
      ${toggle(p, 'flagged', 'Flagged', 'Only questions with a flagged answer')}
      ${toggle(p, 'disagreement', 'Disagreement', "Only questions where raters' overall scores differ")}
      ${p.blind
        ? nothing
        : html`<select aria-label="Model" @change=${(e: Event) => p.onFilters({ ...p.filters, model: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="" ?selected=${!p.filters.model}>All models</option>
            ${p.models.map((m) => html`<option value=${m} ?selected=${p.filters.model === m}>${m}</option>`)}
          </select>`}
      <select aria-label="Finish state" @change=${(e: Event) => p.onFilters({ ...p.filters, finish: ((e.target as HTMLSelectElement).value || undefined) as QuestionFilters['finish'] })}>
        <option value="" ?selected=${!p.filters.finish}>Any finish</option>
        <option value="unclosed" ?selected=${p.filters.finish === 'unclosed'}>Unclosed reasoning</option>
        <option value="truncated" ?selected=${p.filters.finish === 'truncated'}>Truncated</option>
      </select>
      ${rougeSelect(p)}
    </span>
    ${p.blind ? html`<vscode-badge class="chip blind" title="Model names hidden and order shuffled until you have rated every answer">blind</vscode-badge>` : nothing}
    <span class="toolbar-actions">
      <vscode-button secondary class="mode-toggle" aria-pressed=${p.adjudicating ? 'true' : 'false'}
        title="Questions where raters disagree, with names revealed, to record a consensus" @click=${() => p.onToggleAdjudication()}>${p.adjudicating ? 'Back to review' : 'Adjudicate'}</vscode-button>
      <vscode-button secondary class="generate-batch" title="Generate answers for the questions listed (choose models, endpoint and template)" @click=${() => p.onGenerate()}>Generate…</vscode-button>
      <vscode-button secondary class="summary-toggle" aria-pressed=${p.summaryOpen ? 'true' : 'false'}
        title="Per model: mean ratings with 95% intervals, harm rates, ROUGE, agreement and charts" @click=${() => p.onToggleSummary()}>${p.summaryOpen ? 'Back to review' : 'Summary'}</vscode-button>
      <vscode-button secondary class="export" title="Export ratings, DPO pairs, an SFT set or the summary to a file" @click=${() => p.onExport()}>Export…</vscode-button>
      <vscode-button secondary title="Undo your last change (u)" @click=${() => p.onUndo()}>Undo</vscode-button>
      <vscode-button secondary title="Rating guidelines (i)" @click=${() => p.onShowGuidelines()}>Guidelines</vscode-button>
      <vscode-button secondary title="Keyboard shortcuts (?)" @click=${() => p.onShowShortcuts()}>Shortcuts</vscode-button>
    </span>
  </div>`;
}
