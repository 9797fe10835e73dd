import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ListModel } from '../listModel';
import type { QuestionSummary } from '../protocol';

/** Rows drawn beyond the visible ones, so fast scrolling shows text instead of blanks. */
const OVERSCAN = 8;

export interface QuestionListProps {
  list: ListModel;
  selectedId: string | undefined;
  search: string;
  /** Height of one row in CSS pixels (measured from the stylesheet, so it follows zoom). */
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  onSearch(text: string): void;
  onSelect(id: string, index: number): void;
  onScroll(scrollTop: number, viewportHeight: number): void;
}

function row(p: QuestionListProps, q: QuestionSummary | undefined, index: number): TemplateResult {
  const style = styleMap({ transform: `translateY(${index * p.rowHeight}px)` });
  if (!q) return html`<li class="row placeholder" style=${style} aria-busy="true"></li>`;
  const selected = q.id === p.selectedId;
  const done = q.answerCount > 0 && q.gradedByMe >= q.answerCount;
  return html`<li
    role="option"
    class=${['row', selected ? 'selected' : '', done ? 'done' : ''].join(' ')}
    style=${style}
    tabindex=${selected ? 0 : -1}
    data-question-id=${q.id}
    data-dataset-id=${q.datasetId}
    data-index=${index}
    aria-selected=${selected ? 'true' : 'false'}
    aria-posinset=${index + 1}
    aria-setsize=${p.list.total}
    @click=${() => p.onSelect(q.id, index)}
  >
    <span class="q-title">${q.title}</span>
    <span class="q-meta">
      <span class="graded" title="Answers you have rated">${q.gradedByMe}/${q.answerCount} rated</span>
      ${q.ratersTarget > 1
        ? html`<span class="raters" title="Raters who have rated every answer, of the ${q.ratersTarget} the study asks for">· ${q.ratersComplete}/${q.ratersTarget} raters</span>`
        : nothing}
      ${q.kind !== 'open' ? html`<span>· ${q.kind}</span>` : nothing}
      ${q.flagged ? html`<span class="flagged-mark" title="An answer is flagged">· flagged</span>` : nothing}
    </span>
  </li>`;
}

/**
 * The question list, virtualised: only the rows in view (plus a few) exist in the page, positioned inside a
 * spacer as tall as the whole list, so 100,000 questions scroll as smoothly as ten.
 */
export function questionList(p: QuestionListProps): TemplateResult {
  const total = p.list.total;
  const first = Math.max(0, Math.floor(p.scrollTop / p.rowHeight) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((p.scrollTop + p.viewportHeight) / p.rowHeight) + OVERSCAN);
  p.list.ensureRange(first, last);
  const rows: TemplateResult[] = [];
  for (let i = first; i <= last; i++) rows.push(row(p, p.list.at(i), i));
  return html`
    <nav class="question-list" aria-label="Questions">
      <input
        class="search"
        type="search"
        placeholder="Search questions"
        aria-label="Search questions"
        .value=${p.search}
        @input=${(e: Event) => p.onSearch((e.target as HTMLInputElement).value)}
      />
      <div class="list-count" aria-live="polite">${total} ${total === 1 ? 'question' : 'questions'}</div>
      <div
        class="list-viewport"
        @scroll=${(e: Event) => {
          const el = e.target as HTMLElement;
          p.onScroll(el.scrollTop, el.clientHeight);
        }}
      >
        <ul role="listbox" aria-label="Question list" class="list-spacer" style=${styleMap({ height: `${total * p.rowHeight}px` })}>
          ${rows}
        </ul>
      </div>
    </nav>
  `;
}
