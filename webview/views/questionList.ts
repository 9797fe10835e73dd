import { html, type TemplateResult } from 'lit';
import type { QuestionSummary } from '../protocol';

export interface QuestionListProps {
  questions: QuestionSummary[];
  total: number;
  selectedId: string | undefined;
  search: string;
  onSearch(text: string): void;
  onSelect(id: string): void;
}

/** The question list with its search field. */
export function questionList(p: QuestionListProps): TemplateResult {
  return html`
    <nav class="question-list" aria-label="Questions">
      <vscode-textfield
        class="search"
        placeholder="Search questions"
        aria-label="Search questions"
        .value=${p.search}
        @input=${(e: Event) => p.onSearch((e.target as HTMLInputElement).value)}
      ></vscode-textfield>
      <div class="list-count" aria-live="polite">${p.questions.length} of ${p.total}</div>
      <ul role="listbox" aria-label="Question list">
        ${p.questions.map(
          (q) => html`<li
            role="option"
            tabindex="0"
            data-question-id=${q.id}
            aria-selected=${q.id === p.selectedId ? 'true' : 'false'}
            class=${q.id === p.selectedId ? 'selected' : ''}
            @click=${() => p.onSelect(q.id)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') p.onSelect(q.id);
            }}
          >
            <span class="q-title">${q.title}</span>
            <span class="q-meta">${q.answerCount} ${q.answerCount === 1 ? 'answer' : 'answers'}${q.kind !== 'open' ? ` · ${q.kind}` : ''}</span>
          </li>`,
        )}
      </ul>
    </nav>
  `;
}
